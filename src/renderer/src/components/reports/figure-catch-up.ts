/**
 * A filter change on screen first: a figure in (or near) the viewport shows its new table in
 * the change's own render; a figure off screen keeps what it showed and catches up after,
 * one figure per task, each after the previous committed (docs/reports.md, "A filter change").
 * Rendering twenty changed tables and charts in one commit, most of them off screen, was most
 * of a filter change's time on the main thread.
 */
import type { RefObject } from 'react';
import { useEffect, useState } from 'react';
import { createTurnQueue } from './chart-slices';

const catchUps = createTurnQueue();
catchUps.setOpen(true);

/**
 * Catch-ups wait while the figures shown are superseded (a newer filter's are on their way):
 * catching up figures about to be replaced only delays the ones that replace them.
 */
export function useCatchUpsOpen(open: boolean): void {
  useEffect(() => {
    catchUps.setOpen(open);
    return () => catchUps.setOpen(true);
  }, [open]);
}

/**
 * True while the element is within `margin` pixels of the viewport (and until the first
 * observation, so a figure mounts with its table). Where IntersectionObserver is missing,
 * always true.
 */
export function useOnScreen(ref: RefObject<Element | null>, margin = 200): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => setOnScreen(entries.some((entry) => entry.isIntersecting)),
      { rootMargin: `${margin}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return onScreen;
}

/**
 * `latest` at once when `atOnce`; otherwise what was shown before, until this figure's turn
 * (a task of its own, after the previous figure caught up) shows `latest`.
 */
export function useCaughtUp<T>(latest: T, atOnce: boolean): T {
  const [shown, setShown] = useState(latest);
  const current = atOnce ? latest : shown;
  useEffect(() => {
    if (shown === latest) return;
    // On screen it is shown already: only remember it (no visible change, children memoized).
    if (atOnce) {
      setShown(latest);
      return;
    }
    const turn = catchUps.ask(() => setShown(latest));
    // After the commit that showed it (or when it changes again or unmounts): the next turn.
    return () => turn.end();
  }, [shown, latest, atOnce]);
  return current;
}
