/**
 * The calendar of shows: the days a month or week view shows (weeks start on Monday, as the
 * reports' weeks do), and the live deals on each day with their same-night conflicts (two or
 * more deals occupying one date at one venue, as holds.ts decides).
 */
import { findHoldConflicts, venueKey } from '../deals/holds';
import type { EventDeal, IsoDate } from '../records';
import {
  dayFromIsoDate,
  dayFromParts,
  daysInMonth,
  isoDateFromDay,
  partsFromDay,
  weekStart,
} from './calendar';

export type CalendarView = 'month' | 'week';

export type CalendarSpan = {
  /** Every day shown, Monday first, whole weeks. */
  days: IsoDate[];
  /** The days that belong to the period (a month view also shows its neighbours' days). */
  inPeriod: ReadonlySet<IsoDate>;
  title: string;
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function range(first: number, last: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day += 1) days.push(isoDateFromDay(day));
  return days;
}

function anchorDay(anchor: IsoDate): number {
  const day = dayFromIsoDate(anchor);
  if (day === null) throw new Error(`${anchor} is not a date`);
  return day;
}

/** The days a view shows around `anchor` (any day of the month or week). */
export function calendarSpan(view: CalendarView, anchor: IsoDate): CalendarSpan {
  const day = anchorDay(anchor);
  if (view === 'week') {
    const monday = weekStart(day);
    const days = range(monday, monday + 6);
    return { days, inPeriod: new Set(days), title: `Week of ${days[0]}` };
  }
  const { year, month } = partsFromDay(day);
  const first = dayFromParts(year, month, 1);
  const last = dayFromParts(year, month, daysInMonth(year, month));
  const monday = weekStart(first);
  const sunday = weekStart(last) + 6;
  return {
    days: range(monday, sunday),
    inPeriod: new Set(range(first, last)),
    title: `${MONTHS[month - 1]} ${year}`,
  };
}

/** The anchor one period later (`step` 1) or earlier (-1). */
export function shiftAnchor(view: CalendarView, anchor: IsoDate, step: number): IsoDate {
  const day = anchorDay(anchor);
  if (view === 'week') return isoDateFromDay(day + 7 * step);
  const { year, month } = partsFromDay(day);
  const index = year * 12 + (month - 1) + step;
  return isoDateFromDay(dayFromParts(Math.floor(index / 12), (index % 12) + 1, 1));
}

export type CalendarShow<T> = { deal: T; conflict: boolean };

type ShowDeal = Pick<
  EventDeal,
  'id' | 'venue' | 'event_date' | 'status' | 'hold_level' | 'title' | 'deleted'
>;

/** Same venue together, then by hold level (1st hold first), then by title. */
function compareShows(a: ShowDeal, b: ShowDeal): number {
  return (
    venueKey(a.venue).localeCompare(venueKey(b.venue)) ||
    (a.hold_level ?? 0) - (b.hold_level ?? 0) ||
    a.title.localeCompare(b.title)
  );
}

/** The live deals dated within the span, by day, each saying whether it is in a conflict. */
export function showsByDay<T extends ShowDeal>(
  deals: readonly T[],
  span: CalendarSpan,
): Map<IsoDate, CalendarShow<T>[]> {
  const shown = new Set(span.days);
  const dated = deals.filter((d) => d.deleted !== 1 && d.event_date && shown.has(d.event_date));
  const conflicts = findHoldConflicts(dated);
  const byDay = new Map<IsoDate, CalendarShow<T>[]>();
  for (const deal of [...dated].sort(compareShows)) {
    const list = byDay.get(deal.event_date!) ?? [];
    list.push({ deal, conflict: conflicts.has(deal.id) });
    byDay.set(deal.event_date!, list);
  }
  return byDay;
}

/** The day `step` days from `date` (the keyboard's move: Alt+arrow moves a deal a day). */
export function addDays(date: IsoDate, step: number): IsoDate {
  return isoDateFromDay(anchorDay(date) + step);
}

/**
 * The show nearest an empty period, for its "No shows this week": the first live dated deal
 * after the period's last day, else the last one before its first day; null when no live deal
 * has a date. Days outside the period but drawn (a month view's neighbours) count as outside.
 */
export function nearestShow(
  deals: readonly Pick<EventDeal, 'event_date' | 'deleted'>[],
  span: CalendarSpan,
): { date: IsoDate; later: boolean } | null {
  const period = [...span.inPeriod].sort();
  const first = period[0];
  const last = period.at(-1);
  if (!first || !last) return null;
  let after: IsoDate | null = null;
  let before: IsoDate | null = null;
  for (const deal of deals) {
    const date = deal.event_date;
    if (deal.deleted === 1 || !date) continue;
    if (date > last && (after === null || date < after)) after = date;
    if (date < first && (before === null || date > before)) before = date;
  }
  if (after) return { date: after, later: true };
  return before ? { date: before, later: false } : null;
}
