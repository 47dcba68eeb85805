/**
 * A deal's dates (event date, expected close) as a person types them on the deal page: the
 * formats and the locale's order of the date of birth (domain/date-of-birth-input.ts, which
 * takes the import's), so "03/04/2027" is 4 March in en-US and 3 April in en-GB or de-DE.
 * Unlike a birthday, a deal date has a year and may be in the future.
 */
import { dateFormatsFor, monthFirst } from '../date-of-birth-input';
import { toIso } from '../import/values';
import { isCalendarDate } from './deal-draft';

export type DealDateInput = { ok: true; value: string | null } | { ok: false; reason: string };

/** The field's hint, in the locale's slash order. */
export function dealDateHint(locale: string | undefined): string {
  return monthFirst(locale)
    ? 'e.g. 2027-06-21, 6/21/2027 or 21.06.2027'
    : 'e.g. 2027-06-21, 21/06/2027 or 21.06.2027';
}

/** YYYY-MM-DD for what was typed, null for nothing, or why it is not a date. */
export function readDealDateInput(input: string, locale: string | undefined): DealDateInput {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  let written = false;
  for (const format of dateFormatsFor(locale)) {
    const iso = toIso(format, text);
    if (iso === null || iso.startsWith('--')) continue; // not this format, or no year
    written = true;
    if (isCalendarDate(iso)) return { ok: true, value: iso };
  }
  return {
    ok: false,
    reason: written
      ? `"${text}" is not a real date`
      : `"${text}" is not a date with a year (${dealDateHint(locale)})`,
  };
}
