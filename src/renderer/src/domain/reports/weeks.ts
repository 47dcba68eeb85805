/** Weekly buckets (ISO weeks, Monday first) shared by the team and engagement figures. */
import type { DayNumber, DaySpan } from './calendar';
import { dayFromIsoDate, isoDateFromDay, weekStart } from './calendar';
import type { DateBounds } from './drill';
import type { ReportFilter } from './filter';

export type WeekWindow = {
  /** Mondays, oldest first. */
  starts: DayNumber[];
  /** The days counted: from the first Monday (or the filter's start) to the filter's end or today. */
  span: DaySpan;
};

/**
 * The filter's dates cut into weeks; without them, the current week and the 11 before it.
 * With only a start: to today (at least the start's week); with only an end: the end's week
 * and the 11 before it. A week cut by the range's ends counts only its days inside the range.
 */
export function weekWindow(filter: ReportFilter, today: DayNumber): WeekWindow {
  const from = filter.from === null ? null : dayFromIsoDate(filter.from);
  const to = filter.to === null ? null : dayFromIsoDate(filter.to);
  const last = to ?? Math.max(today, from ?? today);
  const first = from ?? weekStart(last) - 11 * 7;
  const starts: DayNumber[] = [];
  for (let monday = weekStart(first); monday <= last; monday += 7) starts.push(monday);
  return { starts, span: { first, last } };
}

/** The index of a day's week in the window, or -1 outside it. */
export function weekIndex(window: WeekWindow, day: DayNumber): number {
  if (day < window.span.first || day > window.span.last) return -1;
  return (weekStart(day) - (window.starts[0] ?? 0)) / 7;
}

export function weekLabel(monday: DayNumber): string {
  return isoDateFromDay(monday);
}

/** The days of week `i` inside the window (a range can cut the first and last week). */
export function weekBounds(weeks: WeekWindow, i: number): DateBounds {
  const monday = weeks.starts[i]!;
  return {
    from: isoDateFromDay(Math.max(monday, weeks.span.first)),
    to: isoDateFromDay(Math.min(monday + 6, weeks.span.last)),
  };
}
