/**
 * A chart as a PNG: `chartExportSvg` (title, caption, filters, legend, every label) drawn on a
 * canvas at twice its size and downloaded. Always in the light theme's colours, whatever the
 * window shows: an exported chart is pasted into documents and slides, and a dark picture in a
 * light document is a black box (the colours are the design tokens of `.tokens-light`,
 * styles/tokens.css: the one place colours are written).
 */
import type { ChartExportInput, ExportColours } from './chart-export-svg';
import { chartExportSvg } from './chart-export-svg';

const SERIES = 8;

/** The light theme's colours, read from the tokens on an element that carries them. */
export function lightExportColours(): ExportColours {
  const probe = document.createElement('div');
  probe.className = 'tokens-light';
  probe.hidden = true;
  document.body.appendChild(probe);
  try {
    const style = getComputedStyle(probe);
    const token = (name: string) => style.getPropertyValue(name).trim();
    return {
      background: token('--color-bg') || '#ffffff',
      text: token('--color-text'),
      muted: token('--color-text-muted'),
      grid: token('--color-border-strong'),
      series: Array.from({ length: SERIES }, (_, i) => token(`--chart-${i + 1}`)),
      fontFamily: token('--font-sans'),
    };
  } finally {
    probe.remove();
  }
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws the chart and downloads it as `fileName`; resolves once offered. */
export async function downloadChartPng(
  input: Omit<ChartExportInput, 'colours'>,
  fileName: string,
): Promise<void> {
  const colours = lightExportColours();
  const { svg, width, height } = chartExportSvg({ ...input, colours });
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw images');
  context.fillStyle = colours.background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into an image');
  download(blob, fileName);
}
