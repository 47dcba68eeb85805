/**
 * When and how the small demo's customers came into the CRM: over the past twelve months
 * (the reports' default period, the current month and the eleven before it), on weekdays in
 * office hours, most typed in by hand and two lists imported. All created "now", the reports'
 * "New customers per month by source" was one bar. Pure, over the local time zone of the Date
 * methods (as demo-hours.ts); the benchmarks' seeds do not call it (their customers are new).
 */
import type { ContactSource } from './records';
import { isWeekend, lastWorkMoment, WORK_MINUTES, WORK_START_HOUR } from './demo-hours';

export type DemoArrival = { created_at: string; via: Extract<ContactSource, 'manual' | 'import'> };

/** Customers typed in per month, oldest month first: a team that grew busier over the year. */
const MANUAL_WEIGHTS = [2, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 3] as const;
/** The two imports: the old mailing list when the CRM was new, a festival's sign-ups later. */
const IMPORTS = [
  { monthsAgo: 11, share: 0.2 },
  { monthsAgo: 4, share: 0.15 },
] as const;

/** `total` split by `weights`, largest remainders first (the parts add up to `total`). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, i) => ({ i, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || b.i - a.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Local midnight of a day, and its whole days back from `anchor`'s day. */
const dayOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const daysBetween = (from: Date, to: Date) =>
  Math.round((dayOf(to).getTime() - dayOf(from).getTime()) / 86_400_000);

/** The weekdays of the month `monthsAgo` before `now`'s, up to `anchor`'s day. */
function workDays(now: Date, monthsAgo: number, anchor: Date): Date[] {
  const days: Date[] = [];
  const month = new Date(now.getFullYear(), now.getMonth() - monthsAgo, 1);
  for (let d = 1; ; d += 1) {
    const day = new Date(month.getFullYear(), month.getMonth(), d);
    if (day.getMonth() !== month.getMonth() || day > anchor) break;
    if (!isWeekend(day)) days.push(day);
  }
  return days;
}

/**
 * A moment of office hours on `day`, `share` of the way through it (on `anchor`'s own day, of
 * the way to `anchor`: never after it).
 */
function officeMoment(day: Date, share: number, anchor: Date): Date {
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate(), WORK_START_HOUR);
  const span =
    daysBetween(day, anchor) === 0 ? (anchor.getTime() - start.getTime()) / 60_000 : WORK_MINUTES;
  return new Date(start.getTime() + Math.floor(share * Math.max(0, span - 1)) * 60_000);
}

/**
 * `count` arrivals, oldest first, none after `now` (nor after the last moment of office hours
 * before it): each of the twelve months (`now`'s and the eleven before) has some typed in by
 * hand, more in later months, and two months also an import (its customers all at one moment,
 * as an import writes them).
 */
export function demoArrivals(count: number, now: Date): DemoArrival[] {
  const anchor = lastWorkMoment(now);
  const imported = IMPORTS.map(({ share }) => Math.round(count * share));
  const importedTotal = imported.reduce((a, b) => a + b, 0);
  if (importedTotal > count) imported.fill(0);
  const manual = apportion(count - (importedTotal > count ? 0 : importedTotal), MANUAL_WEIGHTS);
  const arrivals: { at: Date; via: DemoArrival['via'] }[] = [];
  manual.forEach((typed, m) => {
    const monthsAgo = 11 - m;
    const days = workDays(now, monthsAgo, anchor);
    // Early on the 1st (or a weekend 1st), this month has no weekday yet: the month before's
    // last office moment.
    if (days.length === 0) {
      for (let j = 0; j < typed; j += 1)
        arrivals.push({ at: officeMoment(anchor, (j + 0.5) / typed, anchor), via: 'manual' });
      return;
    }
    for (let j = 0; j < typed; j += 1) {
      // Spread over the month's weekdays, at a time of day that wanders (a golden-ratio walk).
      const day = days[Math.floor(((j + 0.5) / typed) * days.length)]!;
      const share = ((m * 7 + j) * 0.618_033_988_75) % 1;
      arrivals.push({ at: officeMoment(day, share, anchor), via: 'manual' });
    }
    IMPORTS.forEach((batch, b) => {
      if (batch.monthsAgo !== monthsAgo) return;
      // One moment for the whole list, a third of the way into the month, late morning.
      const moment = officeMoment(days[Math.floor(days.length / 3)]!, 0.27, anchor);
      for (let j = 0; j < imported[b]!; j += 1) arrivals.push({ at: moment, via: 'import' });
    });
  });
  return arrivals
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(({ at, via }) => ({ created_at: at.toISOString(), via }));
}

/** The day demo people's touchpoints are dated back from (demo-people.ts `touchDay`: a Friday). */
const TOUCH_ANCHOR = { year: 2026, month: 10, day: 20 } as const;

/**
 * Whole weeks from the demo people's touchpoint anchor (Friday 2026-11-20) to the last office
 * moment not after `now`, in days: the small demo moves its touchpoints by this much, so their
 * weekday and time of day stay and the latest lands in the past week (they ended on 2026-11-20
 * whenever the demo was loaded: Reports' last weeks of touchpoints were empty, and empty
 * altogether a year on).
 */
export function demoTouchShiftDays(now: Date): number {
  const anchor = new Date(TOUCH_ANCHOR.year, TOUCH_ANCHOR.month, TOUCH_ANCHOR.day);
  return 7 * Math.floor(daysBetween(anchor, lastWorkMoment(now)) / 7);
}

/** `iso` moved `days` local days, the same local time of day. */
export function shiftLocalDays(iso: string, days: number): string {
  const at = new Date(iso);
  return new Date(
    at.getFullYear(),
    at.getMonth(),
    at.getDate() + days,
    at.getHours(),
    at.getMinutes(),
    at.getSeconds(),
  ).toISOString();
}

/**
 * A demo touchpoint at `occurred`, moved by whole weeks (its weekday and local time of day
 * kept) to fall within the customer's life, from `created` to `until`: the people's
 * touchpoints are dated over the 400 days before now (demo-people.ts) while the customers came
 * over the past year, so one logged before its customer existed goes to a week after it came
 * (which week: `n`, the touchpoint's place, spreads them). Null when no whole-week move lands
 * there (a customer created in the past days): that touchpoint is not written. Unchanged when
 * it is within already.
 */
export function touchWithinLife(
  occurred: string,
  created: string,
  until: string,
  n: number,
): string | null {
  const [t, c, u] = [occurred, created, until].map(Date.parse) as [number, number, number];
  if (t >= c && t <= u) return occurred;
  const week = 7 * 86_400_000;
  const at = (k: number) => shiftLocalDays(occurred, 7 * k);
  // Whole weeks in milliseconds, then corrected for a daylight-saving change on the way.
  let least = Math.ceil((c - t) / week);
  while (Date.parse(at(least)) < c) least += 1;
  while (Date.parse(at(least - 1)) >= c) least -= 1;
  let most = Math.floor((u - t) / week);
  while (most >= least && Date.parse(at(most)) > u) most -= 1;
  while (Date.parse(at(most + 1)) <= u) most += 1;
  if (most < least) return null;
  return at(least + ((n * 7 + least) % (most - least + 1)));
}
