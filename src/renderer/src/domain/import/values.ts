/** Reading single cells: dates of birth, names, consent, lifecycle, multi-value cells, ids. */
import { checkDateOfBirth } from '../dates';
import type { Lifecycle, PhoneType } from '../records';
import { foldText } from '../text-fold';

/** Google Contacts joins several values of one field with " ::: ". */
export function splitMultiValue(cell: string): string[] {
  return cell
    .split(/\s+:::\s+/)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'M/D/YYYY', 'D/M/YYYY', 'MM/DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const pad = (value: string) => value.padStart(2, '0');

/**
 * `text` in `format` as YYYY-MM-DD (--MM-DD without a year), or null when it is not written
 * that way. Says nothing about whether the day exists (readDate and the deal dates check).
 */
export function toIso(format: DateFormat, text: string): string | null {
  let match: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
      if (match) return `${match[1]}-${pad(match[2] ?? '')}-${pad(match[3] ?? '')}`;
      match = /^--(\d{2})-(\d{2})$/.exec(text); // Google's yearless birthday
      return match ? text : null;
    case 'DD.MM.YYYY':
      match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
      if (match) return `${match[3]}-${pad(match[2] ?? '')}-${pad(match[1] ?? '')}`;
      match = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(text);
      return match ? `--${pad(match[2] ?? '')}-${pad(match[1] ?? '')}` : null;
    case 'M/D/YYYY':
      match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      return match ? `${match[3]}-${pad(match[1] ?? '')}-${pad(match[2] ?? '')}` : null;
    case 'D/M/YYYY':
      match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      return match ? `${match[3]}-${pad(match[2] ?? '')}-${pad(match[1] ?? '')}` : null;
    case 'MM/DD':
      match = /^(\d{1,2})\/(\d{1,2})$/.exec(text);
      return match ? `--${pad(match[1] ?? '')}-${pad(match[2] ?? '')}` : null;
  }
}

export type DateRead = { ok: true; value: string | null } | { ok: false; reason: string };

/** A date of birth in `format` as YYYY-MM-DD (or --MM-DD without a year); empty is fine. */
export function readDate(cell: string, format: DateFormat, today?: Date): DateRead {
  const text = cell.trim();
  if (text === '') return { ok: true, value: null };
  const iso = toIso(format, text);
  if (!iso) return { ok: false, reason: `"${text}" is not a date in ${format}` };
  const check = checkDateOfBirth(iso, today);
  return check.ok ? check : { ok: false, reason: `"${text}": ${check.reason}` };
}

/** The format that reads the most sample cells (ties: the order of DATE_FORMATS). */
export function detectDateFormat(samples: readonly string[]): DateFormat {
  const cells = samples.map((s) => s.trim()).filter((s) => s !== '');
  let best: { format: DateFormat; read: number } = { format: 'YYYY-MM-DD', read: -1 };
  for (const format of DATE_FORMATS) {
    const read = cells.filter((cell) => readDate(cell, format).ok).length;
    if (read > best.read) best = { format, read };
  }
  return best.format;
}

/** "Ana María García" -> Ana María / García; "García, Ana" -> Ana / García. */
export function splitFullName(full: string): { first_name: string; last_name: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = /^([^,]+),\s*(.+)$/.exec(text);
  if (comma) return { first_name: comma[2] ?? '', last_name: comma[1] ?? '' };
  const parts = text.split(' ');
  if (parts.length === 1) return { first_name: text, last_name: '' };
  return { first_name: parts.slice(0, -1).join(' '), last_name: parts.at(-1) ?? '' };
}

const YES = [
  'yes',
  'y',
  'ja',
  'j',
  'oui',
  'si',
  'true',
  '1',
  'x',
  'subscribed',
  'opted in',
  'opt-in',
  'marketing contact',
  'granted',
  'einverstanden',
];
const NO = [
  'no',
  'n',
  'nein',
  'non',
  'false',
  '0',
  'unsubscribed',
  'opted out',
  'opt-out',
  'non-marketing contact',
  'cleaned',
  'denied',
  'abgemeldet',
];

/** Consent cells: true, false, or null when the cell says nothing we can trust. */
export function readConsent(cell: string): boolean | null {
  const text = foldText(cell).trim();
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  return null;
}

/** HubSpot's stages and plain words onto ours; null leaves the customer's stage alone. */
export function readLifecycle(cell: string): Lifecycle | null {
  const text = foldText(cell).replace(/[^a-z]/g, '');
  if (['lead', 'subscriber', 'new', 'interessent'].includes(text)) return 'lead';
  if (
    [
      'prospect',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'opportunity',
      'mql',
      'sql',
    ].includes(text)
  )
    return 'prospect';
  if (['customer', 'evangelist', 'kunde', 'client', 'cliente'].includes(text)) return 'customer';
  if (['inactive', 'churned', 'former', 'inaktiv'].includes(text)) return 'inactive';
  return null;
}

/** The phone type a column or label names: "Mobile", "Handy", "Business Phone", "* Home". */
export function phoneTypeOf(label: string): PhoneType {
  const text = foldText(label);
  if (/mobil|cell|handy|portable|movil|celular/.test(text)) return 'mobile';
  if (/work|business|office|buro|geschaft|dienst|travail|trabajo/.test(text)) return 'work';
  if (/home|privat|domicile|casa|personal/.test(text)) return 'home';
  return 'other';
}

/** Google's group labels: "* myContacts ::: Promoters" -> ["Promoters"] (system groups start with "* "). */
export function readTags(cell: string): string[] {
  return cell
    .split(/\s+:::\s+|[,;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '' && !tag.startsWith('*'));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * An Encore ID cell: our ids are UUIDs (v7, from domain/ids.ts), written lower-case. Any RFC
 * 4122 UUID is accepted (a spreadsheet may have upper-cased it); anything else is null.
 */
export function readEncoreId(cell: string): string | null {
  const text = cell.trim().toLowerCase();
  return UUID.test(text) ? text : null;
}
