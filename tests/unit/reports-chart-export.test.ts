import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../src/renderer/src/domain/reports/chart-spec';
import { categoryStep } from '../../src/renderer/src/domain/reports/bar-layout';
import {
  chartExportSvg,
  wrapWords,
} from '../../src/renderer/src/components/reports/chart-export-svg';
import { describeReportFilter } from '../../src/renderer/src/components/reports/report-filter-words';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';

/** A stage chart like the demo's pipeline: 14 stage-and-currency rows, two series. */
function stages(): ChartData {
  const names = ['Inquiry', 'Hold', 'Offer sent', 'Confirmed', 'Contracted', 'Played', 'Settled'];
  const rows = names.flatMap((stage, i) =>
    ['EUR', 'GBP'].map((currency, j) => ({
      category: `${stage} ${currency}`,
      values: { count: i + j + 1, value: (i + 1) * 1000 },
      drills: { count: null, value: null },
    })),
  );
  return {
    spec: { stacked: false, unit: 'count', series: [2, 3], category: [0, 1] },
    series: [
      { key: 'count', label: 'Deals' },
      { key: 'value', label: 'Weighted value' },
    ],
    rows,
    currency: null,
  };
}

const colours = {
  background: '#ffffff',
  text: '#1c1d21',
  muted: '#5d5f6a',
  grid: '#cfd0d7',
  series: ['#4f46e5', '#0e8a7d'],
  fontFamily: "Inter, 'Segoe UI', sans-serif",
};

const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('an exported chart', () => {
  const input = {
    title: 'Pipeline by stage',
    caption: 'Deals in each stage now, with their value, per currency.',
    filters: 'Filters: owner Alex Moreno · EUR deals only',
    data: stages(),
    colours,
  };

  it('carries its title, what it counts and the filters, and its legend', () => {
    const { svg } = chartExportSvg(input);
    const words = texts(svg);
    expect(words[0]).toBe('Pipeline by stage');
    expect(words).toContain('Deals in each stage now, with their value, per currency.');
    expect(words).toContain('Filters: owner Alex Moreno · EUR deals only');
    expect(words).toContain('Deals');
    expect(words).toContain('Weighted value');
  });

  it('is light whatever the window shows: the background is the colour given, first', () => {
    const { svg } = chartExportSvg(input);
    expect(svg).toMatch(/^<svg [^>]*><rect width="100%" height="100%" fill="#ffffff"\/>/);
  });

  it('labels every bar, turned when they do not fit side by side', () => {
    const data = stages();
    // Flat, they would not fit side by side at the page's width.
    expect(
      categoryStep(
        data.rows.map((r) => r.category),
        64,
      ),
    ).toBeGreaterThan(1);
    const { svg, height } = chartExportSvg(input);
    const words = texts(svg);
    for (const row of data.rows) expect(words).toContain(row.category);
    expect(svg).toContain('rotate(-40');
    expect(height).toBeGreaterThan(300);
    // Few short labels stay level.
    const few = { ...data, rows: data.rows.slice(0, 3) };
    const level = chartExportSvg({ ...input, data: few }).svg;
    expect(level).not.toContain('rotate(');
    for (const row of few.rows) expect(texts(level)).toContain(row.category);
  });

  it('escapes what it writes', () => {
    const { svg } = chartExportSvg({ ...input, title: 'Tags <VIP> & "press"' });
    expect(svg).toContain('Tags &lt;VIP&gt; &amp; &quot;press&quot;');
  });

  it('wraps long captions into lines', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
});

describe('the filters in words', () => {
  const name = (id: string) => (id === 'm1' ? 'Alex Moreno' : undefined);
  it('says there are none, or each one set', () => {
    expect(describeReportFilter(NO_REPORT_FILTER, name, 'en-US')).toBe('No filters');
    expect(
      describeReportFilter(
        {
          from: '2026-01-01',
          to: '2026-03-31',
          ownerId: 'm1',
          currency: 'EUR',
          tag: 'VIP',
        },
        name,
        'en-US',
      ),
    ).toBe(
      'Filters: from Jan 1, 2026 to Mar 31, 2026 · owner Alex Moreno · EUR deals only · tag VIP',
    );
    expect(describeReportFilter({ ...NO_REPORT_FILTER, ownerId: '' }, name, 'en-US')).toBe(
      'Filters: no owner',
    );
  });
});
