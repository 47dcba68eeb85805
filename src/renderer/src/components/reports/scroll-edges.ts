import { useCallback, useRef, useState } from 'react';

/** Which sides of a sideways-scrolling box hide columns: where the fade hint is drawn. */
export type ScrollEdges = { left: boolean; right: boolean };

export const NO_EDGES: ScrollEdges = { left: false, right: false };

/**
 * The sides with more to see, from the box's scroll position. A pixel of slack: Chromium
 * reports fractional widths rounded, and a table 0.5 px wider than its card is not a scroll.
 */
export function scrollEdges(box: {
  scrollLeft: number;
  clientWidth: number;
  scrollWidth: number;
}): ScrollEdges {
  const hidden = box.scrollWidth - box.clientWidth;
  if (hidden <= 1) return NO_EDGES;
  return { left: box.scrollLeft > 1, right: box.scrollLeft < hidden - 1 };
}

/** The width of a table's first column (its row headers), whole pixels; 0 without rows. */
function firstColumnWidth(box: HTMLElement): number {
  const cell = box.querySelector('tr > :first-child');
  return cell ? Math.ceil(cell.getBoundingClientRect().width) : 0;
}

/**
 * The edges of the element given the returned ref, following its scrolling and its size (and
 * its first child's: the table grows with "Show all"), and the width of its table's first
 * column (kept in view while the rest scrolls: the hint is drawn beside it). A callback ref:
 * set once it mounts.
 */
export function useScrollEdges(): [(element: HTMLElement | null) => void, ScrollEdges, number] {
  const [edges, setEdges] = useState(NO_EDGES);
  const [first, setFirst] = useState(0);
  const stop = useRef<(() => void) | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    stop.current?.();
    stop.current = null;
    if (!element) return;
    const update = () => {
      setEdges((was) => {
        const now = scrollEdges(element);
        return now.left === was.left && now.right === was.right ? was : now;
      });
      setFirst(firstColumnWidth(element));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', update, { passive: true });
    stop.current = () => {
      observer.disconnect();
      element.removeEventListener('scroll', update);
    };
  }, []);
  return [ref, edges, first];
}
