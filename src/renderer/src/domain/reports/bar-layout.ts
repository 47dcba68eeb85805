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

/**
 * A category label: a tick whose text may be cut short (`label` ends in "…" then; `full` is
 * the whole name, for its tooltip).
 */
export type CategoryTick = LaidTick & { full: string };

/** Turned labels run up to the left at this angle (as the PNG export turns them). */
export const TURN_DEGREES = 40;
/** Average width of an axis character in pixels (12 px text): nothing is measured. */
export const CHAR_PX = 7;
/** A turned label longer than this is cut short with "…" (its bar's tooltip has it whole). */
export const TURNED_MAX_CHARS = 18;
/**
 * Characters of width per category below which even turned labels touch (at 40° two
 * neighbours are `band × sin 40°` apart, a line of 12 px text needs about 13): every n-th
 * then, the fewest that keep them apart.
 */
const TURNED_MIN_BAND_CHARS = 3;

export type BarLayout = {
  height: number;
  /** Pixels from the top: the value axis's ticks and grid lines. */
  valueTicks: LaidTick[];
  /**
   * Percent across: the category labels shown: every one, flat when they fit side by side,
   * else turned (`turned`); thinned only when even turned ones would touch.
   */
  categoryTicks: CategoryTick[];
  /** The category labels run up to the left at `TURN_DEGREES`. */
  turned: boolean;
  /** Pixels below `height` the turned labels need (0 when flat): the SVG is this much taller. */
  labelRoom: number;
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
   * The plot's width in characters of its axis (at 12 px, about 7 px each; characters, not
   * pixels: nothing is measured). The labels are flat when they fit side by side in it (each
   * counted as long as the longest, plus two of gap), else turned (`categoryLayout`).
   */
  categoryChars: number;
  /**
   * False: labels that do not fit side by side are thinned (every n-th), never turned: the
   * board's revenue strip, a short chart of consecutive months that keeps its height.
   */
  turnLabels?: boolean;
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

/**
 * How the category labels are drawn in `chars` characters of width: flat and every one when
 * they fit side by side; else turned (every one, cut to `TURNED_MAX_CHARS`), every `step`-th
 * only when the categories are narrower than `TURNED_MIN_BAND_CHARS` each. On the main of
 * 2026-12-07 "Customers by tag" named every third bar ("agent", "newsletter", "techno"...).
 */
export function categoryLayout(
  labels: readonly string[],
  chars: number,
  turn = true,
): { turned: boolean; step: number; room: number } {
  const flat = categoryStep(labels, chars);
  if (flat === 1 || !turn) return { turned: false, step: flat, room: 0 };
  const band = chars / Math.max(1, labels.length);
  const step = Math.max(1, Math.ceil(TURNED_MIN_BAND_CHARS / band));
  const longest = labels.reduce(
    (n, label) => Math.max(n, Math.min(label.length, TURNED_MAX_CHARS)),
    0,
  );
  // The text's run up, plus its own height leaning over (about 10 px at 40°).
  const room = Math.ceil(longest * CHAR_PX * Math.sin((TURN_DEGREES * Math.PI) / 180)) + 10;
  return { turned: true, step, room };
}

/** A label cut to `TURNED_MAX_CHARS` characters, "…" last when cut. */
export function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length <= TURNED_MAX_CHARS
    ? label
    : `${chars
        .slice(0, TURNED_MAX_CHARS - 1)
        .join('')
        .trimEnd()}…`;
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
  const labels = categoryLayout(
    rows.map((row) => row.category),
    options.categoryChars,
    options.turnLabels ?? true,
  );
  const categoryTicks: CategoryTick[] = [];
  for (let r = 0; r < rows.length; r += labels.step) {
    const full = rows[r]!.category;
    categoryTicks.push({
      at: (across(r) ?? 0) + across.bandwidth() / 2,
      label: labels.turned ? shortLabel(full) : full,
      full,
      value: r,
    });
  }
  return {
    height: options.height,
    valueTicks: ticks.map((t) => ({ at: value(t), label: tick(t), value: t })),
    categoryTicks,
    turned: labels.turned,
    labelRoom: labels.room,
    baseline: zero,
    bars,
    values,
  };
}
