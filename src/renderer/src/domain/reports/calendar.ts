/**
 * Calendar arithmetic for reports on whole days: a day is an integer (days since 1970-01-01 in
 * the proleptic Gregorian calendar), a month is an integer (year x 12 + month - 1). Integer
 * math is exact, needs no time zone, and is fast enough to run once per row over 200,000 rows
 * (no Date object, no Intl). Instants become days in the user's zone through zone-days.ts.
 */

/** Days since 1970-01-01 (negative before). */
export type DayNumber = number;
/** year x 12 + (month - 1): consecutive months are consecutive integers. */
export type MonthNumber = number;

export const DAY_MS = 86_400_000;

// Howard Hinnant's days_from_civil / civil_from_days (public domain), for any year.
export function dayFromParts(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function partsFromDay(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * A calendar date "YYYY-MM-DD" as a day number; null for anything else (a missing date, a
 * year-less "--MM-DD", a 31st of February). Reads characters, no regex: called per deal.
 */
export function dayFromIsoDate(text: string | null | undefined): DayNumber | null {
  if (!text || text.length !== 10) return null;
  return dateAt(text);
}

/** The "YYYY-MM-DD" at the start of `text` as a day number, or null. */
function dateAt(text: string): DayNumber | null {
  if (text[4] !== '-' || text[7] !== '-') return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromParts(year, month, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function isoDateFromDay(dayNumber: DayNumber): string {
  const { year, month, day } = partsFromDay(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function monthOfDay(dayNumber: DayNumber): MonthNumber {
  const { year, month } = partsFromDay(dayNumber);
  return year * 12 + month - 1;
}

export function firstDayOfMonth(month: MonthNumber): DayNumber {
  return dayFromParts(Math.floor(month / 12), (month % 12) + 1, 1);
}

export function lastDayOfMonth(month: MonthNumber): DayNumber {
  return firstDayOfMonth(month + 1) - 1;
}

/** "2026-03" */
export function monthKey(month: MonthNumber): string {
  return `${pad(Math.floor(month / 12), 4)}-${pad((month % 12) + 1, 2)}`;
}

/** The Monday starting the ISO week of a day (1970-01-01 was a Thursday). */
export function weekStart(dayNumber: DayNumber): DayNumber {
  const weekday = (((dayNumber + 3) % 7) + 7) % 7; // Monday 0 .. Sunday 6
  return dayNumber - weekday;
}

/** First and last day of the calendar quarter a day falls in. */
export function quarterOf(dayNumber: DayNumber): { first: DayNumber; last: DayNumber } {
  const month = monthOfDay(dayNumber);
  const firstMonth = month - (month % 3);
  return { first: firstDayOfMonth(firstMonth), last: lastDayOfMonth(firstMonth + 2) };
}

/** Every month from `first` to `last` inclusive. */
export function monthRange(first: MonthNumber, last: MonthNumber): MonthNumber[] {
  const months: MonthNumber[] = [];
  for (let month = first; month <= last; month += 1) months.push(month);
  return months;
}

/** An inclusive span of days. */
export type DaySpan = { first: DayNumber; last: DayNumber };

export function inSpan(dayNumber: DayNumber, span: DaySpan): boolean {
  return dayNumber >= span.first && dayNumber <= span.last;
}

/**
 * Milliseconds of an ISO-8601 instant. The app writes `toISOString()` ("...T..:..:..sssZ"):
 * that shape is read from its characters (about 10x faster than Date.parse over 200,000
 * touchpoints); any other shape goes through Date.parse. NaN when unreadable.
 */
export function instantMs(text: string | null | undefined): number {
  if (!text) return Number.NaN;
  if (text.length === 24 && text[10] === 'T' && text[23] === 'Z' && text[19] === '.') {
    const day = dateAt(text);
    const hours = digitsAt(text, 11, 2);
    const minutes = digitsAt(text, 14, 2);
    const seconds = digitsAt(text, 17, 2);
    const millis = digitsAt(text, 20, 3);
    if (day !== null && hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60)
      if (seconds >= 0 && seconds < 60 && millis >= 0)
        return day * DAY_MS + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis;
  }
  return Date.parse(text);
}
