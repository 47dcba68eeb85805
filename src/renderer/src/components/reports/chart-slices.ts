/**
 * The dashboard draws its tables first and its charts after, one chart per task: a chart
 * cost tens of milliseconds to mount on a loaded laptop (recharts, before ReportChart was
 * plain SVG in one pass), and several in one commit
 * made the longest main-thread tasks (docs/reports.md, "The main thread"). A figure near the
 * viewport asks for its turn; turns are given in order, each in a task of its own, once the
 * page has mounted every table, and the next only after the previous chart has committed, so
 * input and the browser's painting get in between charts.
 */
import { useEffect, useState } from 'react';

export type Turn = {
  /** No longer wanted (unmounted): leaves the queue; once granted, it also ends the turn. */
  end(): void;
};

export type TurnQueue = {
  /** Asks for a turn: `grant` is called, in a task of its own, when it comes. */
  ask(grant: () => void): Turn;
  /** Turns are given only while open (the page's tables are all mounted). */
  setOpen(open: boolean): void;
};

/** A queue of turns, one at a time, each given in a task `defer` schedules. */
export function createTurnQueue(
  defer: (run: () => void) => void = (run) => void setTimeout(run, 0),
): TurnQueue {
  const waiting: { grant(): void; granted: boolean }[] = [];
  let open = false;
  /** A turn was given and has not ended yet. */
  let busy = false;
  let scheduled = false;
  const pump = () => {
    if (!open || busy || scheduled || waiting.length === 0) return;
    scheduled = true;
    defer(() => {
      scheduled = false;
      if (!open || busy) return;
      const next = waiting.shift();
      if (!next) return;
      busy = true;
      next.granted = true;
      next.grant();
    });
  };
  return {
    ask(grant) {
      const entry = { grant, granted: false };
      waiting.push(entry);
      pump();
      return {
        end() {
          const at = waiting.indexOf(entry);
          if (at >= 0) waiting.splice(at, 1);
          if (entry.granted) {
            entry.granted = false;
            busy = false;
            pump();
          }
        },
      };
    },
    setOpen(value) {
      open = value;
      pump();
    },
  };
}

const charts = createTurnQueue();

/**
 * True once this figure's chart may be drawn: `wanted` (it is near the viewport), the tables
 * are in, and its turn came. Stays true after.
 */
export function useChartTurn(wanted: boolean): boolean {
  const [granted, setGranted] = useState(false);
  useEffect(() => {
    if (!wanted || granted) return;
    const turn = charts.ask(() => setGranted(true));
    // Runs after the commit that drew the chart (or on unmount before it): the next turn.
    return () => turn.end();
  }, [wanted, granted]);
  return granted;
}

/** Opens the turns while every table of the page is mounted (and not after it leaves). */
export function useTablesMounted(mounted: boolean): void {
  useEffect(() => {
    charts.setOpen(mounted);
    return () => charts.setOpen(false);
  }, [mounted]);
}
