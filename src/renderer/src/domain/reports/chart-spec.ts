/**
 * Which chart each report table gets: the columns drawn as series, stacked or side by side,
 * and the rows drawn (totals and the rows outside the window stay in the table only). A chart
 * reads its numbers from the table's CSV values, so the chart and its table always agree, and
 * every bar keeps its cell's drill for the click-through.
 */
import type { Drill } from './drill';
import type { ReportTable } from './report-table';

export type ChartUnit = 'money' | 'count' | 'percent' | 'days' | 'score';

export type ChartSpec = {
  stacked: boolean;
  unit: ChartUnit;
  /** Column indexes drawn as series, in order (bottom of the stack first). */
  series: number[];
  /** Columns whose texts, joined, name a row on the axis. */
  category: number[];
};

export type ChartSeries = { key: string; label: string };

/** One row of the chart: its name, then one value and one drill per series key. */
export type ChartRow = {
  category: string;
  values: Record<string, number>;
  drills: Record<string, Drill | null>;
};

export type ChartData = {
  spec: ChartSpec;
  series: ChartSeries[];
  rows: ChartRow[];
  /** The currency money values are in, when the table has one. */
  currency: string | null;
};

/** Rows that sum or sit outside the axis: shown in the table, never as a bar. */
const NOT_ON_AXIS = /^(Total|Before |After |No event date)/;

/** Columns that are sums of other columns or words, not series of their own. */
const REVENUE_SUMS = new Set([
  'Month',
  'Won',
  'Forecast (weighted)',
  'Won + forecast',
  'Rates used',
]);

const columnsNamed = (table: ReportTable, names: readonly string[]) =>
  names.map((name) => table.columns.indexOf(name)).filter((i) => i >= 0);

const allBut = (table: ReportTable, skip: (name: string) => boolean) =>
  table.columns.map((name, i) => (skip(name) ? -1 : i)).filter((i) => i >= 0);

function spec(
  stacked: boolean,
  unit: ChartUnit,
  series: number[],
  category: number[] = [0],
): ChartSpec | null {
  return series.length === 0 ? null : { stacked, unit, series, category };
}

/** The chart of a table, or null for the tables that are lists (holds due, conflicts…). */
export function chartSpec(table: ReportTable): ChartSpec | null {
  const id = table.id;
  if (id.startsWith('revenue-'))
    return spec(
      true,
      'money',
      allBut(table, (name) => REVENUE_SUMS.has(name)),
    );
  if (id.startsWith('pipeline-stages-combined-'))
    return spec(false, 'money', columnsNamed(table, ['Value', 'Weighted value']));
  if (id === 'pipeline-stages') return spec(false, 'count', columnsNamed(table, ['Deals']), [0, 1]);
  if (id === 'pipeline-conversion')
    return spec(false, 'percent', columnsNamed(table, ['Share', 'Share won']));
  if (id === 'pipeline-days') return spec(false, 'days', columnsNamed(table, ['Average days']));
  if (id === 'pipeline-stale') return spec(false, 'count', columnsNamed(table, ['Stale deals']));
  if (id === 'team')
    return spec(false, 'count', columnsNamed(table, ['Open deals', 'Open tasks', 'Overdue tasks']));
  if (id === 'team-completed-per-week' || id === 'engagement-touches' || id === 'audience-new')
    return spec(
      true,
      'count',
      allBut(table, (name) => name === table.columns[0] || name === 'Total'),
    );
  if (id === 'engagement-most-engaged')
    return spec(false, 'score', columnsNamed(table, ['Score']), [1]);
  if (id === 'audience-lifecycle' || id === 'audience-tags')
    return spec(false, 'count', columnsNamed(table, ['Customers']));
  if (id === 'audience-opt-in') return spec(false, 'percent', columnsNamed(table, ['Share']));
  return null;
}

/** "revenue-EUR" and "revenue-combined-EUR" are in euros; other tables say it per row. */
function currencyOf(table: ReportTable): string | null {
  const match = /^(?:revenue-(?:combined-)?|pipeline-stages-combined-)([A-Z]{3})$/.exec(table.id);
  return match ? match[1]! : null;
}

const number = (csv: string) => {
  const value = Number(csv);
  return csv === '' || !Number.isFinite(value) ? 0 : value;
};

/** The table as chart rows, or null when the table has no chart. */
export function chartData(table: ReportTable): ChartData | null {
  const found = chartSpec(table);
  if (!found) return null;
  const series = found.series.map((i) => ({ key: `s${i}`, label: table.columns[i]! }));
  const rows: ChartRow[] = [];
  for (const row of table.rows) {
    const category = found.category.map((i) => row[i]?.text ?? '').join(' ');
    if (NOT_ON_AXIS.test(category)) continue;
    const values: Record<string, number> = {};
    const drills: Record<string, Drill | null> = {};
    for (const i of found.series) {
      values[`s${i}`] = number(row[i]?.csv ?? '');
      drills[`s${i}`] = row[i]?.drill ?? null;
    }
    rows.push({ category, values, drills });
  }
  return { spec: found, series, rows, currency: currencyOf(table) };
}

/**
 * The compact formatters of the value axis and the bars' values and titles, made once per
 * currency: making an Intl.NumberFormat (compact notation loads its locale data) for every
 * tick and every bar's title was half of a chart's render (a revenue chart has about 170
 * bars), traced in the warmed window's longest tasks.
 */
const compactFormats = new Map<string, Intl.NumberFormat | null>();

/** The kept compact formatter for `currency` (null: plain numbers), or null when refused. */
function compactFormat(currency: string | null): Intl.NumberFormat | null {
  const key = currency ?? '';
  if (!compactFormats.has(key)) {
    let format: Intl.NumberFormat | null = null;
    try {
      format = new Intl.NumberFormat(undefined, {
        ...(currency ? { style: 'currency', currency } : {}),
        notation: 'compact',
        maximumFractionDigits: 1,
      });
    } catch {
      // An unknown currency code: said as the number and the code.
    }
    compactFormats.set(key, format);
  }
  return compactFormats.get(key) ?? null;
}

/** An axis tick: "€12k"-style money, "42%", plain numbers. */
export function formatTick(value: number, unit: ChartUnit, currency: string | null): string {
  if (unit === 'percent') return `${value}%`;
  if (unit === 'money' && currency) {
    const format = compactFormat(currency);
    return format ? format.format(value) : `${value} ${currency}`;
  }
  return compactFormat(null)!.format(value);
}
