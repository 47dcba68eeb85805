/**
 * Where each part of a report bar chart goes, computed once from the chart's data: no
 * measuring of the page, so the chart renders in one synchronous pass (recharts measured its
 * container, dispatched to its store and rendered again: one chart was one long main-thread
 * task; docs/reports.md, "Charts in one pass").
 *
 * Across, positions are percentages of the plot's width (SVG resolves `x="12.5%"` against
 * its viewport), so the chart follows its container's width without knowing it. Up and down,
 * they are pixels of a fixed height. The value axis is drawn in a gutter of its own
 * (`VALUE_AXIS_WIDTH` pixels), beside the plot.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Drill } from './drill';
import type { ChartData } from './chart-spec';
import { formatTick } from './chart-spec';

/** The value axis's gutter, in pixels (its labels are right-aligned against the plot). */
export const VALUE_AXIS_WIDTH = 64;
/** Room above the tallest bar (its value label) and below the plot (the category labels). */
export const PLOT_TOP = 16;
export const CATEGORY_AXIS_HEIGHT = 22;

export type LaidBar = {
  /** Stable within the chart: `${row}-${series key}`. */
  key: string;
  /** Index of the series (its colour class) and of the row (its category). */
  series: number;
  row: number;
  /** Percent of the plot's width. */
  x: number;
  width: number;
  /** Pixels from the top of the plot's SVG. */
  y: number;
  height: number;
  value: number;
  /** "March 2026 · Confirmed: €12k", the bar's tooltip. */
  title: string;
  drill: Drill | null;
};

/** A tick: where (pixels up or percent across), its text, and its value (or row index). */
export type LaidTick = { at: number; label: string; value: number };

export type BarLayout = {
  height: number;
  /** Pixels from the top: the value axis's ticks and grid lines. */
  valueTicks: LaidTick[];
  /** Percent across: the category labels shown (thinned when too many to read). */
  categoryTicks: LaidTick[];
  /** The zero line, in pixels from the top. */
  baseline: number;
  bars: LaidBar[];
  /** Values written on the bars (side-by-side bars, few of them): percent across, pixels up. */
  values: { key: string; x: number; y: number; text: string }[];
};

export type BarLayoutOptions = {
  /** The SVG's height in pixels. */
  height: number;
  /**
   * The category labels shown may take at most this many characters side by side (each
   * counted as long as the longest, plus two of gap): every n-th row is labelled otherwise.
   * Characters, not pixels: nothing is measured (at the axis's 12 px, about 7 px each).
   */
  categoryChars: number;
};

/**
 * Values on the bars only where they stay readable: side-by-side bars, at most 12 bars in all
 * (20 bars of two series overlapped their labels at 1360 px).
 */
export const showsValues = (data: ChartData) =>
  !data.spec.stacked && data.rows.length * data.series.length <= 12;

/** Every n-th category is labelled, so that the labels shown fit in `chars` characters. */
export function categoryStep(labels: readonly string[], chars: number): number {
  const widest = labels.reduce((n, label) => Math.max(n, label.length), 0) + 2;
  const fit = Math.max(1, Math.floor(chars / widest));
  return Math.max(1, Math.ceil(labels.length / fit));
}

/** The lowest and highest values the axis must reach (stacks summed, zero always in). */
function extent(data: ChartData): [number, number] {
  let low = 0;
  let high = 0;
  for (const row of data.rows) {
    if (data.spec.stacked) {
      let up = 0;
      let down = 0;
      for (const s of data.series) {
        const v = row.values[s.key] ?? 0;
        if (v >= 0) up += v;
        else down += v;
      }
      high = Math.max(high, up);
      low = Math.min(low, down);
    } else {
      for (const s of data.series) {
        const v = row.values[s.key] ?? 0;
        high = Math.max(high, v);
        low = Math.min(low, v);
      }
    }
  }
  // An empty or all-zero chart still has an axis from 0 to 1.
  return low === high ? [0, 1] : [low, high];
}

/** Lays the chart out: bars stacked or side by side, both axes, values where they fit. */
export function layBars(data: ChartData, options: BarLayoutOptions): BarLayout {
  const { spec, series, rows, currency } = data;
  const tick = (value: number) => formatTick(value, spec.unit, currency);
  const plotBottom = options.height - CATEGORY_AXIS_HEIGHT;
  const value = scaleLinear().domain(extent(data)).range([plotBottom, PLOT_TOP]).nice(5);
  const ticks = value.ticks(5).filter((t) => spec.unit !== 'count' || Number.isInteger(t));
  const across = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, 100])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inside = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, across.bandwidth()])
    .paddingInner(spec.stacked ? 0 : 0.08);
  const zero = value(0);
  const bars: LaidBar[] = [];
  const values: BarLayout['values'] = [];
  const written = showsValues(data);
  rows.forEach((row, r) => {
    const left = across(r) ?? 0;
    let up = 0;
    let down = 0;
    series.forEach((s, i) => {
      const v = row.values[s.key] ?? 0;
      let from: number;
      let to: number;
      if (spec.stacked) {
        from = v >= 0 ? up : down;
        to = from + v;
        if (v >= 0) up = to;
        else down = to;
      } else {
        from = 0;
        to = v;
      }
      const x = spec.stacked ? left : left + (inside(i) ?? 0);
      const width = spec.stacked ? across.bandwidth() : inside.bandwidth();
      const top = Math.min(value(from), value(to));
      const height = Math.abs(value(to) - value(from));
      bars.push({
        key: `${r}-${s.key}`,
        series: i,
        row: r,
        x,
        width,
        y: top,
        height,
        value: v,
        title: `${row.category} · ${s.label}: ${tick(v)}`,
        drill: row.drills[s.key] ?? null,
      });
      if (written)
        values.push({ key: `${r}-${s.key}`, x: x + width / 2, y: top - 4, text: tick(v) });
    });
  });
  const step = categoryStep(
    rows.map((row) => row.category),
    options.categoryChars,
  );
  const categoryTicks: LaidTick[] = [];
  for (let r = 0; r < rows.length; r += step)
    categoryTicks.push({
      at: (across(r) ?? 0) + across.bandwidth() / 2,
      label: rows[r]!.category,
      value: r,
    });
  return {
    height: options.height,
    valueTicks: ticks.map((t) => ({ at: value(t), label: tick(t), value: t })),
    categoryTicks,
    baseline: zero,
    bars,
    values,
  };
}
