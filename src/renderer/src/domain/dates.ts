/** Dates of birth are calendar dates: YYYY-MM-DD, or --MM-DD when only the day is known. */
export type DateCheck = { ok: true; value: string | null } | { ok: false; reason: string };

export function checkDateOfBirth(input: string, today: Date = new Date()): DateCheck {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  if (!full && !yearless) return { ok: false, reason: 'Use YYYY-MM-DD' };
  const year = full ? Number(full[1]) : 2000; // a leap year, so --02-29 is allowed
  const month = Number(full ? full[2] : yearless?.[1]);
  const day = Number(full ? full[3] : yearless?.[2]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { ok: false, reason: `${value} is not a real date` };
  if (full && (year < 1900 || date.getTime() > today.getTime()))
    return { ok: false, reason: 'Date of birth must be between 1900 and today' };
  return { ok: true, value };
}
