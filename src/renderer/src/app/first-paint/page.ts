/**
 * What the entry's picture (paint.ts, overlay.ts) and the parse-time one (early.ts) share about
 * the page: where the picture goes, how it sits, on which routes. Imports nothing: early.ts is
 * compiled apart into the page and must stay a few KiB.
 */
export const OVERLAY_ID = 'first-paint';

/**
 * Absolute, not fixed (the document does not scroll, so it covers the same box): fixed to the
 * viewport, Chromium gave the picture a composited layer of its own and every row's clipped
 * cells (.cell's overflow: hidden) one more each, ~40 layers whose ~90 tiles were all
 * rasterized before the frame could be shown; absolute, it is drawn in the page's own layer.
 */
export const OVERLAY_STYLE = 'position: absolute; inset: 0; overflow: hidden;';

/** The routes that start on the customer list (App.tsx: the index redirects to it). */
export function startsOnList(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/' || hash === '#/customers';
}

/** The time zone, as far as the days' texts depend on it: now's offset and the year's two. */
export function zoneSignature(nowMs: number): string {
  const year = new Date(nowMs).getFullYear();
  return [nowMs, Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)]
    .map((ms) => new Date(ms).getTimezoneOffset())
    .join(',');
}
