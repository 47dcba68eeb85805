/**
 * A report chart as a standalone image, for pasting into a document or a slide: its title, what
 * it counts (the caption: dates, currency) and the page's filters above it, the legend, both
 * axes and a label under every bar (turned when they do not fit side by side). Drawn from the
 * chart's data with the same layout as the page (`layBars`), not copied from the page: the page
 * turns its labels by an estimate of its width (and thins them when even turned ones would
 * touch) and keeps the title and legend in HTML. Pure: the colours are
 * given (chart-png.ts reads the light theme's tokens), so it is tested without a browser.
 */
import type { ChartData } from '../../domain/reports/chart-spec';
import { CATEGORY_AXIS_HEIGHT, VALUE_AXIS_WIDTH, layBars } from '../../domain/reports/bar-layout';

export type ExportColours = {
  background: string;
  text: string;
  muted: string;
  grid: string;
  /** The series' colours, in order (`--chart-1` …). */
  series: readonly string[];
  fontFamily: string;
};

export type ChartExportInput = {
  title: string;
  caption: string;
  /** The page's filters in words (`describeReportFilter`). */
  filters: string;
  data: ChartData;
  colours: ExportColours;
};

const PAD = 24;
const PLOT_HEIGHT = 280;
/** Average width of a character at the axis's 11-12 px (nothing is measured here). */
const CHAR_PX = 6.6;
const CAPTION_LINE = 18;
const LABEL_GAP = 6;
/** Turned labels run up to the left at this angle. */
const TURN_DEGREES = 40;

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words wrapped into lines of at most `chars` characters (a longer word keeps its line). */
export function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The image's width: room for a readable label per bar, 800 to 1,600 px. */
function widthFor(data: ChartData): number {
  const bars = data.rows.length * (data.spec.stacked ? 1 : Math.max(1, data.series.length));
  return Math.round(Math.min(1600, Math.max(800, VALUE_AXIS_WIDTH + 2 * PAD + bars * 28)));
}

export function chartExportSvg(input: ChartExportInput): {
  svg: string;
  width: number;
  height: number;
} {
  const { title, caption, filters, data, colours } = input;
  const width = widthFor(data);
  const chars = Math.floor((width - 2 * PAD) / CHAR_PX);
  const parts: string[] = [];
  const text = (x: number, y: number, body: string, attrs: string) =>
    parts.push(`<text x="${x}" y="${y}" ${attrs}>${xml(body)}</text>`);

  let y = PAD + 16;
  text(PAD, y, title, `font-size="17" font-weight="600" fill="${colours.text}"`);
  y += 8;
  for (const line of [...wrapWords(caption, chars), ...wrapWords(filters, chars)]) {
    y += CAPTION_LINE;
    text(PAD, y, line, `font-size="12" fill="${colours.muted}"`);
  }

  // The legend: a swatch and a name per series, wrapped to the width.
  if (data.series.length > 1) {
    y += 14;
    let x = PAD;
    let rowTop = y;
    data.series.forEach((s, i) => {
      const room = 16 + s.label.length * CHAR_PX + 16;
      if (x > PAD && x + room > width - PAD) {
        x = PAD;
        rowTop += 20;
      }
      const colour = colours.series[i % colours.series.length];
      parts.push(`<rect x="${x}" y="${rowTop}" width="10" height="10" rx="2" fill="${colour}"/>`);
      text(x + 16, rowTop + 9, s.label, `font-size="12" fill="${colours.muted}"`);
      x += room;
    });
    y = rowTop + 10;
  }

  // The plot: every category labelled (no thinning: the image has the room, or turns them).
  y += 18;
  const layout = layBars(data, { height: PLOT_HEIGHT, categoryChars: Number.MAX_SAFE_INTEGER });
  const plotLeft = PAD + VALUE_AXIS_WIDTH;
  const plotWidth = width - PAD - plotLeft;
  const across = (percent: number) => plotLeft + (percent / 100) * plotWidth;
  const band = plotWidth / Math.max(1, data.rows.length);
  const longest = data.rows.reduce((n, row) => Math.max(n, row.category.length), 0);
  const turned = longest * CHAR_PX > band - LABEL_GAP;
  const turn = (TURN_DEGREES * Math.PI) / 180;
  const labelRoom = turned ? Math.ceil(longest * CHAR_PX * Math.sin(turn)) + 8 : 0;

  const top = y;
  parts.push(`<g font-size="11" fill="${colours.muted}">`);
  for (const t of layout.valueTicks) {
    parts.push(
      `<line x1="${plotLeft}" x2="${width - PAD}" y1="${top + t.at}" y2="${top + t.at}" stroke="${colours.grid}"/>`,
    );
    text(plotLeft - 6, top + t.at, t.label, 'dy="0.32em" text-anchor="end"');
  }
  parts.push('</g>');
  for (const bar of layout.bars) {
    const colour = colours.series[bar.series % colours.series.length];
    parts.push(
      `<rect x="${across(bar.x).toFixed(2)}" y="${(top + bar.y).toFixed(2)}" width="${((bar.width / 100) * plotWidth).toFixed(2)}" height="${bar.height.toFixed(2)}" fill="${colour}"/>`,
    );
  }
  parts.push(
    `<line x1="${plotLeft}" x2="${width - PAD}" y1="${top + layout.baseline}" y2="${top + layout.baseline}" stroke="${colours.grid}"/>`,
  );
  parts.push(`<g font-size="11" fill="${colours.muted}">`);
  for (const v of layout.values) text(across(v.x), top + v.y, v.text, 'text-anchor="middle"');
  const labelsAt = top + layout.height - CATEGORY_AXIS_HEIGHT + 15;
  for (const t of layout.categoryTicks) {
    const x = across(t.at);
    if (turned)
      text(
        x,
        labelsAt,
        t.label,
        `text-anchor="end" transform="rotate(-${TURN_DEGREES} ${x.toFixed(2)} ${labelsAt})"`,
      );
    else text(x, labelsAt, t.label, 'text-anchor="middle"');
  }
  parts.push('</g>');

  const height = Math.ceil(top + layout.height + labelRoom + PAD);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${xml(colours.fontFamily)}">` +
    `<rect width="100%" height="100%" fill="${colours.background}"/>` +
    parts.join('') +
    '</svg>';
  return { svg, width, height };
}
