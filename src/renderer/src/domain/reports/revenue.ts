/**
 * Revenue by month of the event date: won deals (contracted, played, settled) at their full
 * amount and open deals (inquiry to confirmed) weighted by probability, stacked by status,
 * per currency, and combined in the reporting currency at each month's rates. One pass over
 * the deals; lost deals are not revenue. Definitions in docs/reports.md, "Revenue".
 */
import { outcomeOf } from '../deals/statuses';
import { dealWeighted } from '../deals/totals';
import type { IsoDate } from '../records';
import type { DayNumber, DaySpan, MonthNumber } from './calendar';
import {
  dayFromIsoDate,
  firstDayOfMonth,
  isoDateFromDay,
  lastDayOfMonth,
  monthKey,
  monthOfDay,
  monthRange,
} from './calendar';
import type { ReportFilter } from './filter';
import { dealScope, eventDateScope } from './filter';
import type { ReportContext, ReportDeal } from './inputs';
import type { CombinedRevenue, CurrencyRevenue, RevenueCell } from './revenue-cells';
export type { CombinedRevenue, CurrencyRevenue, RevenueCell, RevenueStatus } from './revenue-cells';
export { REVENUE_STATUSES } from './revenue-cells';
import {
  addDeal,
  combineCells,
  emptyRevenueCell,
  sumCells,
  sumCombinedRevenue,
} from './revenue-cells';

export type RevenueMonth = {
  month: string;
  first: IsoDate;
  last: IsoDate;
  /** The rates of this day convert the month (the month's last day). */
  rateDate: IsoDate;
  byCurrency: CurrencyRevenue[];
  combined: CombinedRevenue | null;
};

export type RevenueReport = {
  window: { first: IsoDate; last: IsoDate };
  currencies: string[];
  months: RevenueMonth[];
  totals: CurrencyRevenue[];
  combinedTotal: CombinedRevenue | null;
  /** Deals of the same scope outside the window: before it, after it, or with no event date. */
  outside: { currency: string; before: RevenueCell; after: RevenueCell; undated: RevenueCell }[];
};

/**
 * The window: the filter's dates; without them, the current month and the 11 before it (the
 * past 12) and the 12 after it (the next 12). With only a start, 24 months from its month;
 * with only an end, 24 months up to its month (deals beyond are counted outside the window).
 * Whole months are shown; deals count by their day.
 */
export function revenueWindow(filter: ReportFilter, today: DayNumber): DaySpan {
  const from = filter.from === null ? null : dayFromIsoDate(filter.from);
  const to = filter.to === null ? null : dayFromIsoDate(filter.to);
  if (from !== null && to !== null) return { first: from, last: to };
  if (from !== null) return { first: from, last: lastDayOfMonth(monthOfDay(from) + 23) };
  if (to !== null) return { first: firstDayOfMonth(monthOfDay(to) - 23), last: to };
  const month = monthOfDay(today);
  return { first: firstDayOfMonth(month - 11), last: lastDayOfMonth(month + 12) };
}

type Buckets = {
  months: Map<MonthNumber, RevenueCell>;
  before: RevenueCell;
  after: RevenueCell;
  undated: RevenueCell;
};

export function revenueByMonth(
  deals: readonly ReportDeal[],
  filter: ReportFilter,
  context: ReportContext,
): RevenueReport {
  const window = revenueWindow(filter, context.today);
  const byCurrency = new Map<string, Buckets>();
  const inScope = dealScope(filter, context);
  const dateMatches = eventDateScope(filter);
  for (const deal of deals) {
    if (outcomeOf(deal.status) === 'lost' || !inScope(deal)) continue;
    if (!dateMatches(deal)) continue;
    let buckets = byCurrency.get(deal.currency);
    if (!buckets) {
      buckets = {
        months: new Map(),
        before: emptyRevenueCell(),
        after: emptyRevenueCell(),
        undated: emptyRevenueCell(),
      };
      byCurrency.set(deal.currency, buckets);
    }
    const value = dealWeighted(deal, context.stages.probability);
    const day = dayFromIsoDate(deal.event_date);
    if (day === null) addDeal(buckets.undated, deal.status, value);
    else if (day < window.first) addDeal(buckets.before, deal.status, value);
    else if (day > window.last) addDeal(buckets.after, deal.status, value);
    else {
      const month = monthOfDay(day);
      let cell = buckets.months.get(month);
      if (!cell) buckets.months.set(month, (cell = emptyRevenueCell()));
      addDeal(cell, deal.status, value);
    }
  }
  const currencies = [...byCurrency.keys()].sort();
  const months = monthRange(monthOfDay(window.first), monthOfDay(window.last)).map((month) =>
    revenueMonth(month, currencies, byCurrency, context),
  );
  const totals = currencies.map((currency) => ({
    currency,
    cell: sumCells(months.map((m) => m.byCurrency.find((c) => c.currency === currency)!.cell)),
  }));
  const target = context.reportingCurrency;
  return {
    window: { first: isoDateFromDay(window.first), last: isoDateFromDay(window.last) },
    currencies,
    months,
    totals,
    combinedTotal:
      target === null
        ? null
        : sumCombinedRevenue(
            target,
            months.map((m) => m.combined!),
          ),
    outside: currencies.map((currency) => {
      const { before, after, undated } = byCurrency.get(currency)!;
      return { currency, before, after, undated };
    }),
  };
}

function revenueMonth(
  month: MonthNumber,
  currencies: readonly string[],
  byCurrency: ReadonlyMap<string, Buckets>,
  context: ReportContext,
): RevenueMonth {
  const rateDay = lastDayOfMonth(month);
  const cells = currencies.map((currency) => ({
    currency,
    cell: byCurrency.get(currency)?.months.get(month) ?? emptyRevenueCell(),
  }));
  const target = context.reportingCurrency;
  return {
    month: monthKey(month),
    first: isoDateFromDay(firstDayOfMonth(month)),
    last: isoDateFromDay(rateDay),
    rateDate: isoDateFromDay(rateDay),
    byCurrency: cells,
    combined: target === null ? null : combineCells(cells, target, rateDay, context),
  };
}
