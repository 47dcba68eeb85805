/**
 * One CSV row -> one import candidate with its issues. An invalid email or no email at all
 * blocks the row (email is how people are matched and deduplicated); an invalid phone or date
 * never does: the row is imported without it, unless the user fixes the cell.
 */
import { unneutralizeCell } from '@shared/csv/neutralize';
import { checkEmail, checkPhone } from '../contact-points';
import type { Lifecycle, PhoneType } from '../records';
import { normalizeTags } from '../tags';
import type { ColumnMapping } from './mapping';
import {
  phoneTypeOf,
  readConsent,
  readDate,
  readLifecycle,
  readTags,
  splitFullName,
  splitMultiValue,
  type DateFormat,
} from './values';

export type IssueKind = 'invalid-email' | 'no-email' | 'invalid-phone' | 'invalid-date';

export const ISSUE_LABELS: Record<IssueKind, string> = {
  'invalid-email': 'Invalid email',
  'no-email': 'No email',
  'invalid-phone': 'Invalid phone',
  'invalid-date': 'Unreadable date',
};

export type RowIssue = { kind: IssueKind; column: number | null; message: string };

export type CandidateEmail = { address: string; normalized: string; label: string };
export type CandidatePhone = { e164: string; raw: string; type: PhoneType; label: string };

export type ImportCandidate = {
  /** 1-based record number in the file, header included: what a spreadsheet shows. */
  row: number;
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
  /** Not importable as it stands (no valid email). */
  blocked: boolean;
};

export type RowSettings = {
  mapping: readonly ColumnMapping[];
  defaultRegion: string;
  dateFormat: DateFormat;
  today?: Date;
};

function cleanLabel(label: string): string {
  return label.replace(/^\*\s*/, '').trim();
}

export function convertRow(
  cells: readonly string[],
  row: number,
  settings: RowSettings,
): ImportCandidate {
  const candidate: ImportCandidate = {
    row,
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
  // them back as the value they protect ("'+1415..." is the phone +1415...).
  const raw = (column: number) => unneutralizeCell(cells[column] ?? '');
  const cell = (column: number) => raw(column).trim();
  const labelFor = (entry: ColumnMapping, kind: 'email_label' | 'phone_label') => {
    const labelColumn = settings.mapping.find(
      (m) => m.field === kind && m.pairs_with === entry.column,
    );
    return (labelColumn && cleanLabel(cell(labelColumn.column))) || entry.label;
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
      case 'notes':
        // Not trimmed inside: notes keep their own line breaks.
        if (value) notes.push(raw(entry.column).trim());
        break;
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
            candidate.emails.push({ address: address.trim(), normalized: check.normalized, label });
        }
        break;
      }
      case 'phone': {
        const label = labelFor(entry, 'phone_label');
        for (const raw of splitMultiValue(value)) {
          const check = checkPhone(raw, settings.defaultRegion);
          if (!check.ok)
            candidate.issues.push({
              kind: 'invalid-phone',
              column: entry.column,
              message: check.reason,
            });
          else if (!candidate.phones.some((p) => p.e164 === check.e164))
            candidate.phones.push({ e164: check.e164, raw, type: phoneTypeOf(label), label });
        }
        break;
      }
      case 'skip':
      case 'email_label':
      case 'phone_label':
        break;
    }
  }
  if (!candidate.first_name && !candidate.last_name && fullName)
    Object.assign(candidate, splitFullName(fullName));
  candidate.notes = notes.join('\n');
  candidate.tags = normalizeTags(candidate.tags);
  if (candidate.emails.length === 0) {
    candidate.blocked = true;
    if (!candidate.issues.some((issue) => issue.kind === 'invalid-email'))
      candidate.issues.push({
        kind: 'no-email',
        column: null,
        message: 'No email: nothing to match or identify this person by',
      });
  }
  return candidate;
}
