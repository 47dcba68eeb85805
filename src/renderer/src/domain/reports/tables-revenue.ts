/** The revenue figure as tables: one per currency, and one combined in the reporting currency. */
import type { DealStatus } from '../deals/statuses';
import { outcomeOf, statusLabel } from '../deals/statuses';
import { dayFromIsoDate, isoDateFromDay } from './calendar';
import type { DateBounds, DealDrill, DrillScope } from './drill';
import { dealDrill, scopeOf } from './drill';
import type { ReportFilter } from './filter';
import type { Cell, ReportTable, TableOptions } from './report-table';
import {
  combinedCell,
  describeMissing,
  formatReportDay,
  formatReportMonth,
  moneyCell,
  ratesCell,
} from './report-table';
import type { CombinedMoney } from './combined-money';
import { sumCombined } from './combined-money';
import type { RevenueReport } from './revenue';
import type { CombinedRevenue, RevenueCell, RevenueStatus } from './revenue-cells';
import { REVENUE_STATUSES } from './revenue-cells';

const WON = REVENUE_STATUSES.filter((s) => outcomeOf(s) === 'won');
const OPEN = REVENUE_STATUSES.filter((s) => outcomeOf(s) === 'open').reverse();

/** Columns after the month: each won status, won, each open status (weighted), forecast, both. */
export const REVENUE_COLUMNS = [
  'Month',
  ...WON.map(statusLabel),
  'Won',
  ...OPEN.map((s) => `${statusLabel(s)} (weighted)`),
  'Forecast (weighted)',
  'Won + forecast',
];

type Layer = { statuses: readonly DealStatus[]; label: string };
const LAYERS: Layer[] = [
  ...WON.map((s) => ({ statuses: [s], label: statusLabel(s) })),
  { statuses: WON, label: 'Won' },
  ...OPEN.map((s) => ({ statuses: [s], label: `${statusLabel(s)} (weighted)` })),
  { statuses: OPEN, label: 'Forecast (weighted)' },
  { statuses: REVENUE_STATUSES, label: 'Won + forecast' },
];

function layerValue(cell: RevenueCell, layer: Layer): number {
  return layer.statuses.reduce((sum, s) => sum + cell.stack[s as RevenueStatus], 0);
}

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

function drillFor(
  scope: DrillScope,
  layer: Layer,
  eventDate: DealDrill['eventDate'],
  where: string,
): DealDrill {
  return dealDrill(`${layer.label}, ${where}`, scope, { statuses: layer.statuses, eventDate });
}

/** A row's header: its words on screen, its ISO dates in the CSV ("Jan 2026" / "2026-01"). */
type Label = { text: string; csv: string };
const same = (text: string): Label => ({ text, csv: text });
const monthLabel = (month: string, options: TableOptions): Label => ({
  text: formatReportMonth(month, options),
  csv: month,
});
const labelCell = (label: Label): Cell => ({ ...label, drill: null });

function dayBefore(date: string): string {
  return isoDateFromDay(dayFromIsoDate(date)! - 1);
}

export function revenueCurrencyTable(
  report: RevenueReport,
  currency: string,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const scope = { ...scopeOf(filter), currency };
  const row = (label: Label, cell: RevenueCell, eventDate: DealDrill['eventDate']): Cell[] => [
    labelCell(label),
    ...LAYERS.map((layer) =>
      moneyCell(
        layerValue(cell, layer),
        currency,
        drillFor(scope, layer, eventDate, `${label.text}, ${currency}`),
        options,
      ),
    ),
  ];
  const day = (iso: string) => formatReportDay(iso, options);
  const first = report.window.first;
  const last = report.window.last;
  const window: DateBounds = { from: report.window.first, to: report.window.last };
  const rows = report.months.map((month) => {
    const cell = month.byCurrency.find((c) => c.currency === currency)!.cell;
    return row(monthLabel(month.month, options), cell, {
      from: max(month.first, window.from!),
      to: min(month.last, window.to!),
    });
  });
  rows.push(row(same('Total'), report.totals.find((t) => t.currency === currency)!.cell, window));
  const outside = report.outside.find((o) => o.currency === currency)!;
  const notes: string[] = [];
  const extra: [Label, RevenueCell, DealDrill['eventDate']][] = [
    [
      { text: `Before ${day(first)}`, csv: `Before ${first}` },
      outside.before,
      { from: null, to: dayBefore(first) },
    ],
    [
      { text: `After ${day(last)}`, csv: `After ${last}` },
      outside.after,
      { from: isoDateFromDay(dayFromIsoDate(last)! + 1), to: null },
    ],
    [same('No event date'), outside.undated, 'undated'],
  ];
  for (const [label, cell, eventDate] of extra)
    if (cell.won + cell.forecast > 0 || REVENUE_STATUSES.some((s) => cell.counts[s] > 0)) {
      rows.push(row(label, cell, eventDate));
      notes.push(`${label.text}: not in the chart.`);
    }
  return {
    id: `revenue-${currency}`,
    title: `Revenue by event month, ${currency}`,
    caption: `Won deals at their full amount and open deals weighted by probability, by month of the event date, ${day(first)} to ${day(last)}, in ${currency}.`,
    columns: REVENUE_COLUMNS,
    rows,
    notes,
  };
}

export function revenueCombinedTable(
  report: RevenueReport,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable | null {
  const total = report.combinedTotal;
  if (!total) return null;
  const target = total.won.currency;
  const scope = scopeOf(filter);
  const layerMoney = (combined: CombinedRevenue, layer: Layer): CombinedMoney => {
    if (layer.label === 'Won') return combined.won;
    if (layer.label === 'Forecast (weighted)') return combined.forecast;
    if (layer.statuses.length > 1) return sumCombined(target, [combined.won, combined.forecast]);
    return combined.stack[layer.statuses[0] as RevenueStatus];
  };
  const row = (label: Label, combined: CombinedRevenue, eventDate: DateBounds): Cell[] => [
    labelCell(label),
    ...LAYERS.map((layer) =>
      combinedCell(
        layerMoney(combined, layer),
        drillFor(scope, layer, eventDate, `${label.text}, in ${target}`),
        options,
      ),
    ),
    ratesCell([combined.won, combined.forecast], options),
  ];
  const rows = report.months.map((month) =>
    row(monthLabel(month.month, options), month.combined!, {
      from: max(month.first, report.window.first),
      to: min(month.last, report.window.last),
    }),
  );
  rows.push(row(same('Total'), total, { from: report.window.first, to: report.window.last }));
  const missing = describeMissing([total.won, total.forecast], options);
  return {
    id: `revenue-combined-${target}`,
    title: `Revenue by event month, all currencies in ${target}`,
    caption: `Each month converted to ${target} at the rates in force on its last day; every amount is the sum of the per-currency amounts converted and rounded one by one.`,
    columns: [...REVENUE_COLUMNS, 'Rates used'],
    rows,
    notes: missing,
  };
}
