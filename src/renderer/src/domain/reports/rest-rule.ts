/**
 * When the app rests, for the reports' background work (docs/reports.md, "Figures ready at
 * rest"): the figures a manager opens are built ahead while nobody uses the app, never while
 * someone types or scrolls, and never while writes are coming in (an import, a sync pull, a
 * form saved): the window must have had no input and the reports' tables no write for
 * `REST_MS`, and the browser must report an idle moment (requestIdleCallback). Pure: the
 * caller passes its clock.
 */

/** How long the window must have had no input and the reports' tables no write. */
export const REST_MS = 3_000;

/** How often a window checks whether its figures are due (a new local day). */
export const REST_CHECK_MS = 60_000;

/** Milliseconds the app has rested at `nowMs`: since the later of the last input and write. */
export function restedFor(nowMs: number, lastInputMs: number, lastWriteMs: number): number {
  return Math.max(0, nowMs - Math.max(lastInputMs, lastWriteMs));
}

/** Milliseconds still to wait before the app counts as resting (0: it rests). */
export function restWait(nowMs: number, lastInputMs: number, lastWriteMs: number): number {
  return Math.max(0, REST_MS - restedFor(nowMs, lastInputMs, lastWriteMs));
}

/** The local day of an instant (its calendar date where the app runs), as text. */
export function localDayOf(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/**
 * Whether the figures for the page's filter are due in the background: none were made ready
 * in this window yet, or they were made on another local day (weeks, overdue tasks, days in
 * stage and "not touched in N days" move with the day, and the page keeps figures per day).
 * Writes during the day do not make them due: the worker keeps its rows and a visit reads
 * only the written rows; rebuilding the figures (and the 29 MB snapshot) after every edit
 * would cost more than it saves.
 */
export function figuresDue(readyDay: string | null, today: string): boolean {
  return readyDay !== today;
}
