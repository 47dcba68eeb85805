/**
 * A date of birth as a person types it in a form: the formats the import reads
 * (domain/import/values.ts), tried in the order the user's locale writes dates, so "03/04/1990"
 * is 4 March in en-US and 3 April in en-GB or de-DE. Says which format it used, so the form
 * can show what was read before it is saved.
 */
import { readDate, type DateFormat } from './import/values';

export type DateOfBirthInput =
  { ok: true; value: string | null; format: DateFormat | null } | { ok: false; reason: string };

/** Whether the locale writes the month before the day (en-US "11/22/2000"). */
export function monthFirst(locale: string | undefined): boolean {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2000, 10, 22)),
  );
  const order = parts.map((part) => part.type).filter((type) => type === 'month' || type === 'day');
  return order[0] === 'month';
}

/** The import's formats in the order this locale would mean them. */
export function dateFormatsFor(locale: string | undefined): DateFormat[] {
  return monthFirst(locale)
    ? ['YYYY-MM-DD', 'M/D/YYYY', 'DD.MM.YYYY', 'MM/DD', 'D/M/YYYY']
    : ['YYYY-MM-DD', 'DD.MM.YYYY', 'D/M/YYYY', 'M/D/YYYY'];
}

/** An example of the locale's slash order for the field's hint: "4/21/1990" or "21/4/1990". */
export function dateOfBirthHint(locale: string | undefined): string {
  return monthFirst(locale)
    ? 'e.g. 1990-04-21, 4/21/1990 or 21.04.1990'
    : 'e.g. 1990-04-21, 21/04/1990 or 21.04.1990';
}

export function readDateOfBirthInput(
  input: string,
  locale: string | undefined,
  today: Date = new Date(),
): DateOfBirthInput {
  const text = input.trim();
  if (text === '') return { ok: true, value: null, format: null };
  let firstProblem: string | null = null;
  for (const format of dateFormatsFor(locale)) {
    const read = readDate(text, format, today);
    if (read.ok) return { ok: true, value: read.value, format };
    // A date in a known format that is not a possible birthday (in the future, 31 Feb) says
    // so, rather than "not a date".
    if (!read.reason.includes(' is not a date in ')) firstProblem ??= read.reason;
  }
  return {
    ok: false,
    reason: firstProblem ?? `"${text}" is not a date (${dateOfBirthHint(locale)})`,
  };
}

/** "21 April 1990" (or "April 21" without a year), in the user's locale: what was read. */
export function describeDateOfBirth(value: string, locale: string | undefined): string {
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  const date = yearless
    ? new Date(Date.UTC(2000, Number(yearless[1]) - 1, Number(yearless[2])))
    : new Date(`${value}T00:00:00Z`);
  return date.toLocaleDateString(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(yearless ? {} : { year: 'numeric' }),
  });
}
