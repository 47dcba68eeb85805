/**
 * Revenue by month of the event date: won deals (contracted, played, settled) at their full
 * amount and open deals (inquiry to confirmed) weighted by probability, stacked by status,
 * per currency, and combined in the reporting currency at each month's rates. One pass over
 * the deals; lost deals are not revenue. Definitions in docs/reports.md, "Revenue".
 */
import type { DealStatus } from '../deals/statuses';
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
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
import type { CombinedMoney } from './exchange-rates';
import { combineAmounts, sumCombined } from './exchange-rates';
import type { ReportFilter } from './filter';
import { dealInScope, eventDateMatches } from './filter';
import type { ReportContext, ReportDeal } from './inputs';

/** The statuses revenue counts, in the board's order (lost ones are not revenue). */
export const REVENUE_STATUSES = DEAL_STATUSES.filter((status) => outcomeOf(status) !== 'lost');
export type RevenueStatus = (typeof REVENUE_STATUSES)[number];

/** Won statuses carry their amount, open ones their weighted amount; counts beside. */
export type RevenueCell = {
  stack: Record<RevenueStatus, number>;
  counts: Record<RevenueStatus, number>;
  won: number;
  forecast: number;
};

export type CurrencyRevenue = { currency: string; cell: RevenueCell };

export type CombinedRevenue = {
  /** Each per-currency cell converted, then added: every layer is a sum of converted cells. */
  stack: Record<RevenueStatus, CombinedMoney>;
  won: CombinedMoney;
  forecast: CombinedMoney;
};

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

export function emptyRevenueCell(): RevenueCell {
  const zero = () =>
    Object.fromEntries(REVENUE_STATUSES.map((s) => [s, 0])) as Record<RevenueStatus, number>;
  return { stack: zero(), counts: zero(), won: 0, forecast: 0 };
}

function addDeal(cell: RevenueCell, deal: ReportDeal, value: number): void {
  const status = deal.status as RevenueStatus;
  cell.stack[status] += value;
  cell.counts[status] += 1;
  if (outcomeOf(deal.status) === 'won') cell.won += value;
  else cell.forecast += value;
}

/**
 * The window: the filter's dates, else the current month and the 11 before it (the past
 * 12) and the 12 after it (the next 12). Whole months are shown; deals count by their day.
 */
export function revenueWindow(filter: ReportFilter, today: DayNumber): DaySpan {
  const month = monthOfDay(today);
  const from = filter.from === null ? null : dayFromIsoDate(filter.from);
  const to = filter.to === null ? null : dayFromIsoDate(filter.to);
  return { first: from ?? firstDayOfMonth(month - 11), last: to ?? lastDayOfMonth(month + 12) };
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
  for (const deal of deals) {
    if (outcomeOf(deal.status) === 'lost' || !dealInScope(deal, filter, context)) continue;
    if (!eventDateMatches(deal, filter)) continue;
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
    if (day === null) addDeal(buckets.undated, deal, value);
    else if (day < window.first) addDeal(buckets.before, deal, value);
    else if (day > window.last) addDeal(buckets.after, deal, value);
    else {
      const month = monthOfDay(day);
      let cell = buckets.months.get(month);
      if (!cell) buckets.months.set(month, (cell = emptyRevenueCell()));
      addDeal(cell, deal, value);
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

function combineCells(
  cells: readonly CurrencyRevenue[],
  target: string,
  rateDay: DayNumber,
  context: ReportContext,
): CombinedRevenue {
  const stack = {} as Record<RevenueStatus, CombinedMoney>;
  for (const status of REVENUE_STATUSES)
    stack[status] = combineAmounts(
      context.rates,
      cells.map(({ currency, cell }) => ({ currency, minor: cell.stack[status] })),
      target,
      rateDay,
    );
  const layers = (outcome: 'won' | 'open') =>
    sumCombined(
      target,
      REVENUE_STATUSES.filter((s) => outcomeOf(s) === outcome).map((s) => stack[s]),
    );
  return { stack, won: layers('won'), forecast: layers('open') };
}

function sumCombinedRevenue(target: string, parts: readonly CombinedRevenue[]): CombinedRevenue {
  const stack = {} as Record<RevenueStatus, CombinedMoney>;
  for (const status of REVENUE_STATUSES)
    stack[status] = sumCombined(
      target,
      parts.map((part) => part.stack[status]),
    );
  return {
    stack,
    won: sumCombined(
      target,
      parts.map((part) => part.won),
    ),
    forecast: sumCombined(
      target,
      parts.map((part) => part.forecast),
    ),
  };
}

export function sumCells(cells: readonly RevenueCell[]): RevenueCell {
  const total = emptyRevenueCell();
  for (const cell of cells) {
    for (const status of REVENUE_STATUSES) {
      total.stack[status] += cell.stack[status];
      total.counts[status] += cell.counts[status];
    }
    total.won += cell.won;
    total.forecast += cell.forecast;
  }
  return total;
}

/** Whether a status counts at full amount (won) or weighted (open) in a revenue cell. */
export function isWonStatus(status: DealStatus): boolean {
  return outcomeOf(status) === 'won';
}
