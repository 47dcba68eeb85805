import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ChartData } from '../../src/renderer/src/domain/reports/chart-spec';
import type { Drill } from '../../src/renderer/src/domain/reports/drill';
import {
  CATEGORY_AXIS_HEIGHT,
  PLOT_TOP,
  categoryStep,
  layBars,
} from '../../src/renderer/src/domain/reports/bar-layout';

const drill = (label: string): Drill => ({ kind: 'deals', label }) as unknown as Drill;

function data(values: number[][], stacked: boolean, unit: 'count' | 'money' = 'count'): ChartData {
  const series = (values[0] ?? []).map((_, i) => ({ key: `s${i}`, label: `Series ${i}` }));
  return {
    spec: { stacked, unit, series: series.map((_, i) => i), category: [0] },
    series,
    rows: values.map((row, r) => ({
      category: `Row ${r}`,
      values: Object.fromEntries(row.map((v, i) => [`s${i}`, v])),
      drills: Object.fromEntries(row.map((_, i) => [`s${i}`, drill(`${r}/${i}`)])),
    })),
    currency: unit === 'money' ? 'EUR' : null,
  };
}

const HEIGHT = 220;
const options = { height: HEIGHT, categoryChars: 48 };
/** Pixels per unit of value, from the lowest and highest ticks. */
const pixelsPerUnit = (layout: ReturnType<typeof layBars>) => {
  const low = layout.valueTicks[0]!;
  const high = layout.valueTicks.at(-1)!;
  return (low.at - high.at) / (high.value - low.value);
};

describe('report bar layout (one pass, nothing measured)', () => {
  it('side by side: each bar stands on zero, its height in proportion to its value, its drill kept', () => {
    const layout = layBars(
      data(
        [
          [2, 4],
          [1, 0],
        ],
        false,
      ),
      options,
    );
    expect(layout.bars).toHaveLength(4);
    const scale = pixelsPerUnit(layout);
    for (const bar of layout.bars) {
      expect(bar.y + bar.height).toBeCloseTo(layout.baseline, 6);
      expect(bar.height).toBeCloseTo(bar.value * scale, 6);
    }
    expect(layout.bars.map((b) => (b.drill as unknown as { label: string }).label)).toEqual([
      '0/0',
      '0/1',
      '1/0',
      '1/1',
    ]);
    // Two series side by side in one band: the second starts after the first ends.
    const [a, b] = layout.bars;
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1e-9);
    // Few bars: their values are written, above each bar.
    expect(layout.values.map((v) => v.text)).toEqual(['2', '4', '1', '0']);
    expect(layout.bars[1]!.title).toBe('Row 0 · Series 1: 4');
  });

  it('stacked: each bar starts where the one below ended, the stack as tall as the row total', () => {
    const layout = layBars(data([[3, 5, 2]], true), options);
    const [b0, b1, b2] = layout.bars;
    expect(b0!.y + b0!.height).toBeCloseTo(layout.baseline, 6);
    expect(b1!.y + b1!.height).toBeCloseTo(b0!.y, 6);
    expect(b2!.y + b2!.height).toBeCloseTo(b1!.y, 6);
    expect(layout.baseline - b2!.y).toBeCloseTo(10 * pixelsPerUnit(layout), 6);
    // Stacked bars share their band; no values written on a stack.
    expect(new Set(layout.bars.map((b) => b.x)).size).toBe(1);
    expect(layout.values).toEqual([]);
  });

  it('the value axis reaches the tallest stack, counts are whole, money has its currency', () => {
    const counts = layBars(
      data(
        [
          [1, 1],
          [2, 1],
        ],
        true,
      ),
      options,
    );
    expect(counts.valueTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3']);
    const money = layBars(data([[1200, 3000]], false, 'money'), options);
    expect(money.valueTicks.at(-1)!.label).toMatch(/€|EUR/);
    // Every tick within the plot, the top one at or above the tallest bar.
    for (const t of money.valueTicks) {
      expect(t.at).toBeGreaterThanOrEqual(PLOT_TOP - 1e-9);
      expect(t.at).toBeLessThanOrEqual(HEIGHT - CATEGORY_AXIS_HEIGHT + 1e-9);
    }
    expect(Math.min(...money.bars.map((b) => b.y))).toBeGreaterThanOrEqual(
      money.valueTicks.at(-1)!.at - 1e-9,
    );
  });

  it('an empty or all-zero chart still has an axis and flat bars', () => {
    const layout = layBars(data([[0], [0]], false), options);
    expect(layout.valueTicks.length).toBeGreaterThan(1);
    expect(layout.bars.every((b) => b.height === 0)).toBe(true);
  });

  it('category labels: every one flat when they fit, else every one turned, thinned only when even turned ones would touch', () => {
    // "Row 10" and two of gap: 8 characters, 6 labels in 48.
    const names = (n: number) => Array.from({ length: n }, (_, r) => `Row ${r}`);
    expect(categoryStep(names(24), 48)).toBe(4);
    expect(categoryStep(names(6), 48)).toBe(1);
    expect(categoryStep(['Offer sent GBP', 'Hold EUR'], 10)).toBe(2);
    const rows = (n: number) =>
      data(
        Array.from({ length: n }, (_, r) => [r]),
        false,
      );
    const flat = layBars(rows(6), options);
    expect(flat.turned).toBe(false);
    expect(flat.labelRoom).toBe(0);
    expect(flat.categoryTicks.map((t) => t.label)).toEqual(names(6));
    // 12 in 48 characters (4 each): every one, turned, with room under the plot for them.
    const turned = layBars(rows(12), options);
    expect(turned.turned).toBe(true);
    expect(turned.categoryTicks.map((t) => t.label)).toEqual(names(12));
    expect(turned.labelRoom).toBeGreaterThan(20);
    // 24 in 48 (2 each): turned ones would touch, every other one.
    const thinned = layBars(rows(24), options);
    expect(thinned.categoryTicks.map((t) => t.label)).toEqual(
      names(24).filter((_, r) => r % 2 === 0),
    );
    // The board's strip keeps its height: thinned, never turned.
    const strip = layBars(rows(24), { ...options, turnLabels: false });
    expect(strip.turned).toBe(false);
    expect(strip.categoryTicks.map((t) => t.label)).toEqual(
      [0, 4, 8, 12, 16, 20].map((r) => `Row ${r}`),
    );
  });

  // On the main of 2026-12-07 Reports' "Customers by tag" named every third bar at the page's
  // default budget ("agent", "newsletter", "techno"...).
  it("the demo's ten tags at the page's budget: a label under every bar, long ones cut", () => {
    const tags = [
      'newsletter',
      'season-ticket',
      'volunteer',
      'festival',
      'sponsor',
      'agent',
      'techno',
      'press',
      'jazz',
      'a very long tag name indeed',
    ];
    const byTag: ChartData = {
      ...data(
        tags.map((_, r) => [10 - r]),
        false,
      ),
    };
    byTag.rows = byTag.rows.map((row, r) => ({ ...row, category: tags[r]! }));
    const layout = layBars(byTag, { height: HEIGHT, categoryChars: 64 });
    expect(layout.categoryTicks).toHaveLength(tags.length);
    expect(layout.categoryTicks.map((t) => t.full)).toEqual(tags);
    expect(layout.categoryTicks.slice(0, 9).map((t) => t.label)).toEqual(tags.slice(0, 9));
    const cut = layout.categoryTicks[9]!.label;
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(18);
    // Each label under its own bar.
    layout.categoryTicks.forEach((t, r) => {
      const bar = layout.bars.find((b) => b.row === r)!;
      expect(t.at).toBeCloseTo(bar.x + bar.width / 2, 6);
    });
  });

  it('property: bars stay within the plot and across 0–100 %, stacks sum to their rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -50, max: 1000 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.boolean(),
        (values, stacked) => {
          const layout = layBars(data(values, stacked), options);
          const scale = pixelsPerUnit(layout);
          for (const bar of layout.bars) {
            expect(bar.x).toBeGreaterThanOrEqual(0);
            expect(bar.x + bar.width).toBeLessThanOrEqual(100 + 1e-9);
            expect(bar.y).toBeGreaterThanOrEqual(PLOT_TOP - 1e-6);
            expect(bar.y + bar.height).toBeLessThanOrEqual(HEIGHT - CATEGORY_AXIS_HEIGHT + 1e-6);
            expect(bar.height).toBeCloseTo(Math.abs(bar.value) * scale, 6);
          }
          if (stacked)
            values.forEach((row, r) => {
              const up = row.filter((v) => v > 0).reduce((a, b) => a + b, 0);
              const top = Math.min(...layout.bars.filter((b) => b.row === r).map((b) => b.y));
              if (up > 0) expect(layout.baseline - top).toBeCloseTo(up * scale, 6);
            });
        },
      ),
    );
  });
});

describe('tick formats', () => {
  it('say money compact in its currency, counts and percents, with one formatter per currency', async () => {
    const { formatTick } = await import('../../src/renderer/src/domain/reports/chart-spec');
    const made: unknown[] = [];
    const Original = Intl.NumberFormat;
    const spy = vi
      .spyOn(Intl, 'NumberFormat')
      // A plain function (constructible) standing for the class: counts what is made.
      .mockImplementation(function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        made.push(args[1]);
        return new Original(...args);
      });
    try {
      const expected = new Original(undefined, {
        style: 'currency',
        currency: 'EUR',
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(12_500);
      // A chart's every tick and bar title: formatters made once per currency, then kept.
      for (let i = 0; i < 200; i += 1) {
        expect(formatTick(12_500, 'money', 'EUR')).toBe(expected);
        formatTick(i, 'count', null);
        formatTick(i, 'money', 'JPY');
      }
      expect(made.length).toBeLessThanOrEqual(3);
      expect(formatTick(42, 'percent', null)).toBe('42%');
      expect(formatTick(5, 'money', 'NOT-A-CODE')).toBe('5 NOT-A-CODE');
      expect(formatTick(1500, 'count', null)).toBe(
        new Original(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(1500),
      );
    } finally {
      spy.mockRestore();
    }
  });
});
