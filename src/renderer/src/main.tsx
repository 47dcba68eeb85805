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

performance.mark('encore:entry');

/** The app does not wait longer than this for the first paint (a slow database). */
const PAINT_WAIT_MS = 150;

/** After the next frame is painted: the rows are on screen before the app's chunk runs. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// The start chunk is fetched by this import, not preloaded by index.html (which only names it,
// vite.start-chunk.ts): preloaded from the start, its transfer and compile slowed the first
// paint's read, layout and frame more than fetching it afterwards slowed React's list.
const painted = paintFirstScreen().then(
  (drawn) => (drawn ? afterNextFrame() : undefined),
  (error: unknown) => console.error('first paint:', error),
);
const waited = new Promise<void>((resolve) => setTimeout(resolve, PAINT_WAIT_MS));
void Promise.race([painted, waited])
  .then(() => {
    performance.mark('encore:start-import');
    return import('./app/start');
  })
  .catch((error: unknown) => {
    handOverFirstPaint(); // whatever shows in #root (nothing, or React's error) is seen
    console.error('Encore CRM could not start:', error);
  });
