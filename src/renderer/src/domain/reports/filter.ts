/**
 * The report page's one filter, applied the same way by every figure. Each figure states
 * which of its rows the date range applies to (docs/reports.md, "What the filters mean"):
 * a deal's event date where the board also uses it, the time something happened otherwise.
 */
import type { DealBoardFilters } from '../deals/board-filter';
import type { IsoDate } from '../records';
import type { DayNumber, DaySpan } from './calendar';
import { dayFromIsoDate, firstDayOfMonth, monthOfDay } from './calendar';
import { customerById } from './customer-index';
import type { ReportContext, ReportCustomer, ReportDeal } from './inputs';

export type ReportFilter = {
  /** Inclusive calendar dates (YYYY-MM-DD); null: the figure's default window. */
  from: IsoDate | null;
  to: IsoDate | null;
  /** A team member id, '' for "no owner", null for anyone. */
  ownerId: string | null;
  /** An ISO 4217 code: deals in that currency only (customers and tasks have none). */
  currency: string | null;
  /** A customer tag, exactly as the customer list's tag filter matches it. */
  tag: string | null;
};

export const NO_REPORT_FILTER: ReportFilter = {
  from: null,
  to: null,
  ownerId: null,
  currency: null,
  tag: null,
};

export type FilterProblem = { field: 'from' | 'to'; message: string };

/**
 * The earliest year a range may start or end in. A date field gives year 0002, then 0020 and
 * 0202 while the year is typed digit by digit, and a range from year 2 made the weekly
 * figures count 105,000 weeks: the reports were "Updating…" for half a minute.
 */
export const FIRST_REPORT_YEAR = 1900;

/** A filter the figures can use, or what is wrong with it in words. */
export function filterProblems(filter: ReportFilter): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const from = filter.from === null ? null : dayFromIsoDate(filter.from);
  const to = filter.to === null ? null : dayFromIsoDate(filter.to);
  const early = (date: string) => Number(date.slice(0, 4)) < FIRST_REPORT_YEAR;
  const tooEarly = (date: string) =>
    `${date} is before ${FIRST_REPORT_YEAR}: type the year in full`;
  if (filter.from !== null && from === null)
    problems.push({ field: 'from', message: `${filter.from} is not a date (YYYY-MM-DD)` });
  else if (filter.from !== null && early(filter.from))
    problems.push({ field: 'from', message: tooEarly(filter.from) });
  if (filter.to !== null && to === null)
    problems.push({ field: 'to', message: `${filter.to} is not a date (YYYY-MM-DD)` });
  else if (filter.to !== null && early(filter.to))
    problems.push({ field: 'to', message: tooEarly(filter.to) });
  if (from !== null && to !== null && from > to)
    problems.push({ field: 'to', message: 'The end date is before the start date' });
  return problems;
}

/**
 * The period figures about events in time use (conversion, days in stage, win rate,
 * new customers, completed tasks): the filter's dates; without them, the current month and
 * the 11 before it, up to today. With only a start: from it to today (or to the start, when it
 * is later). With only an end: the end's month and the 11 before it, up to the end.
 */
export function reportPeriod(filter: ReportFilter, today: DayNumber): DaySpan {
  const from = filter.from === null ? null : dayFromIsoDate(filter.from);
  const to = filter.to === null ? null : dayFromIsoDate(filter.to);
  const last = to ?? Math.max(today, from ?? today);
  return { first: from ?? firstDayOfMonth(monthOfDay(last) - 11), last };
}

function ownerMatches(ownerId: string | null | undefined, filter: ReportFilter): boolean {
  return filter.ownerId === null || (ownerId ?? '') === filter.ownerId;
}

/** Owner, currency and tag; not the dates (each figure applies those to its own date). */
export function dealInScope(
  deal: ReportDeal,
  filter: ReportFilter,
  context: ReportContext,
): boolean {
  return dealScope(filter, context)(deal);
}

/**
 * `dealInScope` for many deals: the filter's fields read once, not once per deal (a figure
 * walks 10,000 deals, and the filter it is given notes its reads: docs/reports.md, "A filter
 * change's worker part").
 */
export function dealScope(
  filter: ReportFilter,
  context: ReportContext,
): (deal: ReportDeal) => boolean {
  const { ownerId, currency, tag } = filter;
  const { dealTags } = context;
  return (deal) => {
    if (deal.deleted === 1) return false;
    if (ownerId !== null && (deal.owner_id ?? '') !== ownerId) return false;
    if (currency && deal.currency !== currency) return false;
    if (tag !== null && !(dealTags.get(deal.id) ?? []).includes(tag)) return false;
    return true;
  };
}

/**
 * The board's date rule: inclusive bounds on the event date; a deal without an event date
 * never matches a bound (so an undated deal drops out as soon as a date is set).
 */
export function eventDateMatches(
  deal: Pick<ReportDeal, 'event_date'>,
  filter: ReportFilter,
): boolean {
  return eventDateScope(filter)(deal);
}

/** `eventDateMatches` for many deals: the bounds read once. */
export function eventDateScope(
  filter: ReportFilter,
): (deal: Pick<ReportDeal, 'event_date'>) => boolean {
  const { from, to } = filter;
  return (deal) => {
    if (from && (!deal.event_date || deal.event_date < from)) return false;
    if (to && (!deal.event_date || deal.event_date > to)) return false;
    return true;
  };
}

/** Owner and tag of a customer (currency does not apply to people). */
export function customerInScope(customer: ReportCustomer, filter: ReportFilter): boolean {
  if (!ownerMatches(customer.owner_id, filter)) return false;
  return filter.tag === null || customer.tags.includes(filter.tag);
}

/** A task's scope: its owner, and the tag through its customer or its deal's people. */
export function taskInScope(
  task: { ownerId: string; customer_id: string | null; deal_id: string | null },
  filter: ReportFilter,
  context: ReportContext,
): boolean {
  if (!ownerMatches(task.ownerId, filter)) return false;
  if (filter.tag === null) return true;
  const customer = task.customer_id ? customerById(context.customers, task.customer_id) : undefined;
  if (customer?.tags.includes(filter.tag)) return true;
  return task.deal_id !== null && (context.dealTags.get(task.deal_id) ?? []).includes(filter.tag);
}

/**
 * The board's filters for the same report filter (click-through to the board, and the
 * agreement test). The board has no tag filter: with a tag set, the board shows more deals
 * than the report counts, and the click-through goes to the deal list instead.
 */
export function toBoardFilters(filter: ReportFilter): DealBoardFilters {
  return {
    ownerId: filter.ownerId,
    from: filter.from,
    to: filter.to,
    participantId: null,
    currency: filter.currency,
  };
}

/**
 * The report filter for the board's filters, so the board's revenue strip can use the
 * report's figures on the deals it shows (the participant filter is applied by the board
 * before: it picks the deals, and has no report counterpart).
 */
export function fromBoardFilters(filters: DealBoardFilters): ReportFilter {
  return {
    from: filters.from,
    to: filters.to,
    ownerId: filters.ownerId,
    currency: filters.currency,
    tag: null,
  };
}
