import { formatDealDate } from '../../domain/deals/deal-display';
import type { CalendarSpan, CalendarView } from '../../domain/reports/show-calendar';

/**
 * The period the calendar shows, in words: "March 2027", or "Week of Mar 1, 2027" with the
 * Monday written as the board and the deal page write dates (it read "Week of 2027-03-01").
 */
export function calendarTitle(
  view: CalendarView,
  span: Pick<CalendarSpan, 'days' | 'title'>,
  locale: string | undefined,
): string {
  const monday = span.days[0];
  return view === 'week' && monday ? `Week of ${formatDealDate(monday, locale)}` : span.title;
}
