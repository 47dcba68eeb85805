/**
 * The deal board's revenue strip, computed by the dashboard's own functions (revenueByMonth and
 * the revenue tables), so the board and the dashboard cannot disagree for the same filters:
 * per currency totals of every deal on the board, the chart's months (the dashboard's window:
 * the past 12 and next 12 months, or the board's dates), and the combined figure in the
 * reporting currency with the rates it used. docs/reports.md, "The board's strip".
 */
import type { DealBoardFilters } from '../deals/board-filter';
import { outcomeOf } from '../deals/statuses';
import { createReportContext } from './context';
import { fromBoardFilters } from './filter';
import type { ReportDeal, StageSettings } from './inputs';
import type { ExchangeRateSet } from './exchange-rates';
import type { CombinedMoney } from './combined-money';
import { describeMissing, describeRates, writtenDay } from './report-table';
import type { ReportTable } from './report-table';
import type { RevenueReport } from './revenue';
import { revenueByMonth } from './revenue';
import type { RevenueCell } from './revenue-cells';
import { REVENUE_STATUSES, sumCells } from './revenue-cells';
import { revenueCombinedTable, revenueCurrencyTable } from './tables-revenue';

export type BoardRevenueSettings = {
  now: Date;
  timeZone: string | null;
  rateSets: readonly ExchangeRateSet[];
  reportingCurrency: string | null;
  stages: StageSettings;
  /** The locale dates and money are written in (the user's; the runtime's when absent). */
  locale?: string;
};

/** One currency's figures over every deal on the board (the chart's months and outside them). */
export type BoardCurrencyTotal = {
  currency: string;
  won: number;
  wonCount: number;
  forecast: number;
  forecastCount: number;
};

export type BoardRevenue = {
  report: RevenueReport;
  totals: BoardCurrencyTotal[];
  /** The table the chart draws: the filter's currency, else combined, else the largest. */
  chart: ReportTable | null;
  /** The chart's currency in its title: "GBP", or "all currencies in EUR" for the combined table. */
  chartCurrency: string;
  /** Currencies with revenue that the chart does not show (said beside it). */
  notCharted: BoardCurrencyTotal[];
  /**
   * What is said under the chart besides the combined total, each once: the rates used, the
   * rates missing, the rows outside the chart.
   */
  notes: string[];
  /** The chart's months combined in the reporting currency, null without one. */
  combined: {
    won: CombinedMoney;
    forecast: CombinedMoney;
    rates: string;
    missing: string[];
  } | null;
};

function totalOf(currency: string, cell: RevenueCell): BoardCurrencyTotal {
  let wonCount = 0;
  let forecastCount = 0;
  for (const status of REVENUE_STATUSES)
    if (outcomeOf(status) === 'won') wonCount += cell.counts[status];
    else forecastCount += cell.counts[status];
  return { currency, won: cell.won, wonCount, forecast: cell.forecast, forecastCount };
}

/**
 * `deals` are the deals the board shows (its participant filter already applied); the
 * board's owner, currency and date filters are read as the dashboard reads them.
 */
export function boardRevenue(
  deals: readonly ReportDeal[],
  filters: DealBoardFilters,
  settings: BoardRevenueSettings,
): BoardRevenue {
  const context = createReportContext({ customers: [], participants: [] }, settings);
  const filter = fromBoardFilters(filters);
  const report = revenueByMonth(deals, filter, context);
  const totals = report.currencies.map((currency) => {
    const inWindow = report.totals.find((t) => t.currency === currency)!.cell;
    const outside = report.outside.find((o) => o.currency === currency)!;
    return totalOf(currency, sumCells([inWindow, outside.before, outside.after, outside.undated]));
  });
  const options = { locale: settings.locale };
  const combinedTable =
    filter.currency === null ? revenueCombinedTable(report, filter, options) : null;
  const largest = [...totals].sort(
    (a, b) => b.won + b.forecast - (a.won + a.forecast) || a.currency.localeCompare(b.currency),
  )[0];
  const chartCurrency = filter.currency ?? (combinedTable ? null : (largest?.currency ?? null));
  const chart =
    combinedTable ??
    (chartCurrency && report.currencies.includes(chartCurrency)
      ? revenueCurrencyTable(report, chartCurrency, filter, options)
      : null);
  const total = report.combinedTotal;
  const combined = total
    ? {
        won: total.won,
        forecast: total.forecast,
        rates: describeRates([...total.won.used, ...total.forecast.used], writtenDay(options)),
        missing: describeMissing([total.won, total.forecast], options),
      }
    : null;
  // The combined table's notes are its missing rates: said once, not twice.
  const notes = [
    ...(combined?.rates ? [`Rates used: ${combined.rates}`] : []),
    ...(combined?.missing ?? []),
    ...(chart?.notes ?? []),
  ];
  return {
    report,
    totals,
    chart,
    chartCurrency: combinedTable
      ? `all currencies in ${combinedTable.id.replace('revenue-combined-', '')}`
      : chart
        ? chart.id.replace('revenue-', '')
        : '',
    notes: [...new Set(notes)],
    notCharted: combinedTable ? [] : totals.filter((t) => t.currency !== chartCurrency),
    combined,
  };
}
