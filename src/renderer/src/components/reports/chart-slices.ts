/**
 * The dashboard draws its tables first and its charts after, one chart per task: a recharts
 * chart costs tens of milliseconds to mount on a loaded laptop, and several in one commit
 * made the longest main-thread tasks (docs/reports.md, "The main thread"). A figure near the
 * viewport asks for its turn; turns are given in order, each in a task of its own, once the
 * page has mounted every table, and the next only after the previous chart has committed, so
 * input and the browser's painting get in between charts.
 */
import { useEffect, useState } from 'react';

type Waiting = { grant(): void; granted: boolean };

const queue: Waiting[] = [];
let tablesIn = false;
/** A chart was given its turn and has not committed yet. */
let drawing = false;
let timer: ReturnType<typeof setTimeout> | null = null;

function pump(): void {
  if (!tablesIn || drawing || timer !== null || queue.length === 0) return;
  timer = setTimeout(() => {
    timer = null;
    const next = queue.shift();
    if (!tablesIn || !next) return;
    drawing = true;
    next.granted = true;
    next.grant();
  }, 0);
}

function release(): void {
  drawing = false;
  pump();
}

/** The page says whether every table is mounted: charts are drawn only then. */
export function setTablesMounted(mounted: boolean): void {
  tablesIn = mounted;
  pump();
}

/**
 * True once this figure's chart may be drawn: `wanted` (it is near the viewport), the tables
 * are in, and its turn came. Stays true after.
 */
export function useChartTurn(wanted: boolean): boolean {
  const [granted, setGranted] = useState(false);
  useEffect(() => {
    if (!wanted || granted) return;
    const entry: Waiting = { grant: () => setGranted(true), granted: false };
    queue.push(entry);
    pump();
    return () => {
      const at = queue.indexOf(entry);
      if (at >= 0) queue.splice(at, 1);
      // Runs after the commit that drew the chart (or on unmount before it): the next turn.
      if (entry.granted) release();
    };
  }, [wanted, granted]);
  return granted;
}

/** Marks the page's tables mounted while `mounted` holds (and not after the page leaves). */
export function useTablesMounted(mounted: boolean): void {
  useEffect(() => {
    setTablesMounted(mounted);
    return () => setTablesMounted(false);
  }, [mounted]);
}
