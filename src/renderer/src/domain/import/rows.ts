/**
 * One CSV row -> one import candidate with its issues. A row identifies a person by a valid
 * email or a valid Encore ID (the id column of our own export); a row with neither is blocked
 * (nothing to match or deduplicate it by). An invalid phone, date, Encore ID, or an invalid
 * email beside a valid Encore ID, never blocks: the row is imported without that value,
 * unless the user fixes the cell.
 */
import { controlCharacterName, stripControlCharacters } from '@shared/csv/controls';
import { unneutralizeCell } from '@shared/csv/neutralize';
import { checkEmail } from '../contact-points';
import { readPhone } from '../phone-reads';
import type { Lifecycle, PhoneType } from '../records';
import { normalizeTags } from '../tags';
import type { ColumnMapping } from './mapping';
import {
  phoneTypeOf,
  readConsent,
  readDate,
  readEncoreId,
  readLifecycle,
  readTags,
  splitFullName,
  splitMultiValue,
  type DateFormat,
} from './values';

export type IssueKind =
  | 'invalid-email'
  | 'no-email'
  | 'invalid-phone'
  | 'invalid-date'
  | 'invalid-id'
  /** Control characters (NUL...) removed from a cell: the row is imported without them. */
  | 'control-chars'
  /** The file's last row opens a quote it never closes: not imported unless fixed. */
  | 'open-quote'
  /** Set by the plan: the row's Encore ID and one of its emails name different people. */
  | 'id-conflict';

export const ISSUE_LABELS: Record<IssueKind, string> = {
  'invalid-email': 'Invalid email',
  'no-email': 'No email',
  'invalid-phone': 'Invalid phone',
  'invalid-date': 'Unreadable date',
  'invalid-id': 'Invalid Encore ID',
  'control-chars': 'Control characters removed',
  'open-quote': 'Quote never closed',
  'id-conflict': 'Encore ID and email disagree',
};

export type RowIssue = { kind: IssueKind; column: number | null; message: string };

export type CandidateEmail = {
  address: string;
  normalized: string;
  label: string;
  /** The column it was read from (for pointing at it when the plan finds a conflict). */
  column: number;
};
export type CandidatePhone = { e164: string; raw: string; type: PhoneType; label: string };

export type ImportCandidate = {
  /** 1-based record number in the file, header included: what a spreadsheet shows. */
  row: number;
  /** A valid Encore ID (lower-case UUID) from the file, or null. */
  encore_id: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  notes: string;
  tags: string[];
  lifecycle: Lifecycle | null;
  email_opt_in: boolean | null;
  sms_opt_in: boolean | null;
  emails: CandidateEmail[];
  phones: CandidatePhone[];
  issues: RowIssue[];
  /** Not importable as it stands (no valid email and no valid Encore ID). */
  blocked: boolean;
};

/**
 * Candidates of consecutive rows kept in IndexedDB (import_staging) between reading a file and
 * writing it; `row` is the first one's.
 */
export type StagedBatch = { session: string; row: number; candidates: ImportCandidate[] };

export type RowSettings = {
  mapping: readonly ColumnMapping[];
  defaultRegion: string;
  dateFormat: DateFormat;
  today?: Date;
};

/** The label columns of Encore's own export: "Email 1 label", "Phone 2 label". */
const ENCORE_LABEL = /^(e-?mail|phone)\s*\d+\s+label$/i;

function cleanLabel(label: string): string {
  return label.replace(/^\*\s*/, '').trim();
}

type PairKind = 'email_label' | 'phone_label' | 'phone_type';
const pairCache = new WeakMap<readonly ColumnMapping[], Map<string, ColumnMapping>>();

/**
 * Label and type columns by the value column they describe ("phone_label 4"), the first of
 * each, built once per mapping: looking them up column by column for every email and phone
 * of every row was quadratic in the columns (a file of 40,000 "Email" columns).
 */
function pairsOf(mapping: readonly ColumnMapping[]): Map<string, ColumnMapping> {
  const cached = pairCache.get(mapping);
  if (cached) return cached;
  const pairs = new Map<string, ColumnMapping>();
  for (const entry of mapping) {
    if (entry.pairs_with === undefined) continue;
    const key = `${entry.field as PairKind} ${entry.pairs_with}`;
    if (!pairs.has(key)) pairs.set(key, entry);
  }
  pairCache.set(mapping, pairs);
  return pairs;
}

/**
 * The cells a row's mapping reads, without C0 control characters; each cell that had some
 * adds one issue (once, whichever fields read it), so nothing is changed unsaid.
 */
function cleanCells(
  cells: readonly string[],
  mapping: readonly ColumnMapping[],
  issues: RowIssue[],
): (column: number) => string {
  const cleaned = new Map<number, string>();
  return (column) => {
    const done = cleaned.get(column);
    if (done !== undefined) return done;
    const { text, removed } = stripControlCharacters(cells[column] ?? '');
    cleaned.set(column, text);
    if (removed.length > 0) {
      const names = [...new Set(removed.map(controlCharacterName))].join(', ');
      const header = mapping.find((entry) => entry.column === column)?.header ?? '';
      issues.push({
        kind: 'control-chars',
        column,
        message: `${removed.length} control ${removed.length === 1 ? 'character' : 'characters'} (${names}) removed from "${header}"`,
      });
    }
    return text;
  };
}

export function convertRow(
  cells: readonly string[],
  row: number,
  settings: RowSettings,
): ImportCandidate {
  const candidate: ImportCandidate = {
    row,
    encore_id: null,
    first_name: '',
    last_name: '',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: null,
    email_opt_in: null,
    sms_opt_in: null,
    emails: [],
    phones: [],
    issues: [],
    blocked: false,
  };
  // Our own exports (and Excel users) protect formula-like cells with a leading quote: read
  // them back as the value they protect ("'+1415..." is the phone +1415...). Control
  // characters are stripped first, and said (see @shared/csv/controls).
  const clean = cleanCells(cells, settings.mapping, candidate.issues);
  const raw = (column: number) => unneutralizeCell(clean(column));
  const cell = (column: number) => raw(column).trim();
  const pairs = pairsOf(settings.mapping);
  const pairedWith = (entry: ColumnMapping, kind: 'email_label' | 'phone_label' | 'phone_type') =>
    pairs.get(`${kind} ${entry.column}`);
  // Our own export's label columns hold the label exactly (blank is no label); in other files
  // Google's "* " is dropped and a blank label falls back to the column's ("E-mail 2").
  const labelFor = (entry: ColumnMapping, kind: 'email_label' | 'phone_label') => {
    const labelColumn = pairedWith(entry, kind);
    if (!labelColumn) return entry.label;
    if (ENCORE_LABEL.test(labelColumn.header.trim())) return cell(labelColumn.column);
    return cleanLabel(cell(labelColumn.column)) || entry.label;
  };
  let fullName = '';
  const notes: string[] = [];
  for (const entry of settings.mapping) {
    const value = cell(entry.column);
    switch (entry.field) {
      case 'first_name':
        candidate.first_name = value;
        break;
      case 'last_name':
        candidate.last_name = value;
        break;
      case 'full_name':
        fullName = value;
        break;
      case 'notes': {
        // Exactly as in the cell (line breaks, surrounding spaces): a restore keeps notes as
        // they were; several notes columns are joined by line breaks.
        const note = raw(entry.column);
        if (note !== '') notes.push(note);
        break;
      }
      case 'tags':
        candidate.tags.push(...readTags(value));
        break;
      case 'lifecycle':
        candidate.lifecycle = readLifecycle(value);
        break;
      case 'email_opt_in':
        candidate.email_opt_in = readConsent(value);
        break;
      case 'sms_opt_in':
        candidate.sms_opt_in = readConsent(value);
        break;
      case 'encore_id': {
        if (value === '') break;
        const id = readEncoreId(value);
        if (id) candidate.encore_id = id;
        else
          candidate.issues.push({
            kind: 'invalid-id',
            column: entry.column,
            message: `"${value}" is not an Encore ID`,
          });
        break;
      }
      case 'date_of_birth': {
        const date = readDate(value, settings.dateFormat, settings.today);
        if (date.ok) candidate.date_of_birth = date.value;
        else
          candidate.issues.push({
            kind: 'invalid-date',
            column: entry.column,
            message: date.reason,
          });
        break;
      }
      case 'email': {
        const label = labelFor(entry, 'email_label');
        for (const address of splitMultiValue(value)) {
          const check = checkEmail(address);
          if (!check.ok)
            candidate.issues.push({
              kind: 'invalid-email',
              column: entry.column,
              message: check.reason,
            });
          else if (!candidate.emails.some((e) => e.normalized === check.normalized))
            candidate.emails.push({
              address: address.trim(),
              normalized: check.normalized,
              label,
              column: entry.column,
            });
        }
        break;
      }
      case 'phone': {
        const label = labelFor(entry, 'phone_label');
        // Our export writes the type in its own column; other files say it in the label.
        const typeColumn = pairedWith(entry, 'phone_type');
        const typeCell = typeColumn ? cell(typeColumn.column) : '';
        const type = phoneTypeOf(typeCell || label);
        for (const raw of splitMultiValue(value)) {
          const check = readPhone(raw, settings.defaultRegion);
          if (!check.ok)
            candidate.issues.push({
              kind: 'invalid-phone',
              column: entry.column,
              message: check.reason,
            });
          else if (!candidate.phones.some((p) => p.e164 === check.e164))
            candidate.phones.push({ e164: check.e164, raw, type, label });
        }
        break;
      }
      case 'skip':
      case 'email_label':
      case 'phone_label':
      case 'phone_type':
        break;
    }
  }
  if (!candidate.first_name && !candidate.last_name && fullName)
    Object.assign(candidate, splitFullName(fullName));
  candidate.notes = notes.join('\n');
  candidate.tags = normalizeTags(candidate.tags);
  if (candidate.emails.length === 0 && candidate.encore_id === null) {
    candidate.blocked = true;
    const hasIdColumn = settings.mapping.some((m) => m.field === 'encore_id');
    if (!candidate.issues.some((i) => i.kind === 'invalid-email' || i.kind === 'invalid-id'))
      candidate.issues.push({
        kind: 'no-email',
        column: null,
        message: hasIdColumn
          ? 'No email and no Encore ID: nothing to match or identify this person by'
          : 'No email: nothing to match or identify this person by',
      });
  }
  return candidate;
}

/**
 * The file's last row, whose quote is never closed (the reader's `unreadable`): its cells as
 * far as they could be split, blocked with the reason. Fixing a cell reads it again as any
 * row, so the user can still import the person.
 */
export function unreadableRow(
  cells: readonly string[],
  row: number,
  settings: RowSettings,
  reason: string,
): ImportCandidate {
  const candidate = convertRow(cells, row, settings);
  candidate.issues.unshift({ kind: 'open-quote', column: null, message: reason });
  candidate.blocked = true;
  return candidate;
}
