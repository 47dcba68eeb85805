/**
 * The entry: small on purpose. It draws the customer list's first rows from IndexedDB with
 * the app's CSS (app/first-paint), then loads the app (app/start.tsx, the start chunk, which
 * this imports once they are on screen): evaluating that chunk takes the main thread for a
 * while, so it waits until the first rows are on screen.
 * docs/architecture.md, "The start path".
 */
import './styles/tokens.css';
import './styles/app.css';
import './styles/tasks.css';
import './styles/deals.css';
import './styles/export.css';
import './styles/import.css';
import './styles/sync.css';
import './styles/backup.css';
import './styles/palette.css';
import './styles/duplicates.css';
import './styles/reports.css';
import { paintFirstScreen } from './app/first-paint/paint';
import { handOverFirstPaint } from './app/first-paint/overlay';
import { applyStylesheet } from './app/first-paint/stylesheet';

performance.mark('encore:entry');

/** The app does not wait longer than this for the first paint (a slow database). */
const PAINT_WAIT_MS = 150;

/** After the next frame is painted: the rows are on screen before the app's chunk runs. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Presenting the parse-time picture's frame waits at most this long for the start chunk. */
const PRESENT_WAIT_MS = 150;

/**
 * Once the page's first contentful paint is presented (the parse-time picture's frame: its
 * raster runs on the other core, which the start chunk's fetch and compile would take), or
 * after PRESENT_WAIT_MS.
 */
function afterPresented(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      observer?.disconnect();
      resolve();
    };
    let observer: PerformanceObserver | null = null;
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length > 0) done();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      done();
      return;
    }
    setTimeout(done, PRESENT_WAIT_MS);
  });
}

// The start chunk is fetched by this import, not preloaded by index.html (which only names it,
// vite.start-chunk.ts): preloaded from the start, its transfer and compile slowed the first
// paint's read, layout and frame more than fetching it afterwards slowed React's list.
// Drawn at parse time (app/first-paint/early.ts): the start chunk waits for its frame's
// presentation (or PRESENT_WAIT_MS), not only for the entry's read.
const earlyFrame = document.querySelector('#first-paint[data-early]') ? afterPresented() : null;
// The app's stylesheet does not block the pictures (they are drawn with the first screen's
// rules kept with the snapshot: app/first-paint/stylesheet.ts): applied after the parse-time
// picture's frame, so its style does not hold that frame, or at once without one. React
// renders only once it is in.
const styled = (earlyFrame ?? Promise.resolve()).then(() => applyStylesheet(document));
const painted = paintFirstScreen().then(
  (drawn) =>
    drawn ? Promise.all([afterNextFrame(), earlyFrame]).then(() => undefined) : undefined,
  (error: unknown) => console.error('first paint:', error),
);
const waited = new Promise<void>((resolve) => setTimeout(resolve, PAINT_WAIT_MS));
void Promise.race([painted, waited])
  .then(() => styled)
  .then(() => {
    performance.mark('encore:start-import');
    return import('./app/start');
  })
  .catch((error: unknown) => {
    handOverFirstPaint(); // whatever shows in #root (nothing, or React's error) is seen
    console.error('Encore CRM could not start:', error);
  });
