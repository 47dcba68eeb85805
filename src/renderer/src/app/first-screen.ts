/**
 * The start waits for nothing the first screen does not show. Work a later screen or a
 * background job needs (the search and duplicates workers, task reminders, sync, the
 * sidebar's badges) starts once the first screen is painted and the browser is idle: on a
 * 2-core laptop a worker parsing its chunk and reading the tables competes with the first
 * rows for both cores and for IndexedDB (docs/architecture.md, "The start path").
 *
 * The start page says when it is shown (`firstScreenShown`: the customer list's first rows,
 * its empty state, or any other page once drawn); a start that never says so (an error
 * screen) still starts the rest after FALLBACK_MS.
 */
import { useEffect, useState } from 'react';

/** A start page that never reports itself shown does not keep the rest waiting longer. */
const FALLBACK_MS = 3000;
/** requestIdleCallback's deadline: on a busy machine "idle" may not come soon. */
const IDLE_TIMEOUT_MS = 500;

let shown = false;
let isReady = false;
let resolveReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  resolveReady = () => {
    isReady = true;
    resolve();
  };
});

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

/**
 * Called by the start page once it has committed what the user came for. The rest starts
 * after the next frame is painted (rAF, then a task) and the browser is idle.
 */
export function firstScreenShown(): void {
  if (shown) return;
  shown = true;
  performance.mark('encore:first-screen');
  const afterPaint = () => setTimeout(() => whenIdle(resolveReady), 0);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(afterPaint);
  else afterPaint();
}

/** Resolves once the first screen is painted and the browser idle (or after the fallback). */
export function afterFirstScreen(): Promise<void> {
  return ready;
}

if (typeof window !== 'undefined') setTimeout(firstScreenShown, FALLBACK_MS);
else firstScreenShown(); // Node (unit tests): no first screen to wait for

/** False until the first screen is shown and the browser idle: gates reads that can wait. */
export function useAfterFirstScreen(): boolean {
  const [done, setDone] = useState(isReady);
  useEffect(() => {
    if (done) return;
    let live = true;
    void ready.then(() => live && setDone(true));
    return () => {
      live = false;
    };
  }, [done]);
  return done;
}

/** Rendered by a page: marks the first screen shown once it commits. */
export function FirstScreenShown() {
  useEffect(firstScreenShown, []);
  return null;
}
