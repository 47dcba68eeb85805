/**
 * Office hours for demo data: calls, purchases and deal moves are dated when people work
 * (local time), not at night. Pure, over the local time zone of the Date methods.
 */
export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 18;
export const WORK_MINUTES = (WORK_END_HOUR - WORK_START_HOUR) * 60;

/** Saturday or Sunday (local): no office work is dated on one. */
export function isWeekend(day: Date): boolean {
  return day.getDay() === 0 || day.getDay() === 6;
}

/**
 * The last moment of office hours not after `now` (local time): `now` itself during a
 * weekday, the day's end after it, the last weekday's end before the day starts or at a
 * weekend (Friday's, on a Saturday, a Sunday or early on a Monday).
 */
export function lastWorkMoment(now: Date): Date {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), WORK_START_HOUR);
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), WORK_END_HOUR);
  if (!isWeekend(now) && now >= start) return now < end ? now : end;
  let day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, WORK_END_HOUR);
  while (isWeekend(day))
    day = new Date(day.getFullYear(), day.getMonth(), day.getDate() - 1, WORK_END_HOUR);
  return day;
}

/**
 * `daysAgo` moved to a weekday, counted back from `anchor`'s day: a Saturday or Sunday goes
 * to the Friday before (`later` false) or the Monday after (`later` true).
 */
export function weekdayDaysAgo(anchor: Date, daysAgo: number, later: boolean): number {
  let days = daysAgo;
  const dayOf = (n: number) =>
    new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate() - n);
  while (isWeekend(dayOf(days))) days += later ? -1 : 1;
  return days;
}

/**
 * A moment in office hours `daysAgo` local days before `anchor`'s day (a moment of office
 * hours itself): `share` (0 to 1) of the way through the day, and on the anchor's own day,
 * of the way from the start to the anchor, so it is never after it.
 */
export function workMoment(anchor: Date, daysAgo: number, share: number): Date {
  const day = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate() - daysAgo);
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate(), WORK_START_HOUR);
  const span = daysAgo === 0 ? (anchor.getTime() - start.getTime()) / 60_000 : WORK_MINUTES - 1;
  return new Date(start.getTime() + Math.floor(share * Math.max(0, span)) * 60_000);
}
