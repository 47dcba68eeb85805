/**
 * The reports' figures made ready while the app rests (docs/reports.md, "Figures ready at
 * rest"): once the app has rested (domain/reports/rest-rule.ts: no input in the window and no
 * write to the reports' tables for 3 s, then an idle moment), the worker builds its rows in
 * the background if no snapshot serves (read in chunks, so a write waits for one chunk at
 * most), or brings the rows it keeps up to date, and computes the figures for the page's
 * filter: kept as the figures last shown (the visit shows them at once) and, in the worker,
 * for a later window (and the snapshot saved once its rows rest). Again on a new local day.
 * While the build runs, input in the window is told to the worker, which pauses between
 * chunks until the user stops for a second.
 */
import { figuresDue, localDayOf, REST_CHECK_MS, restWait } from '../../domain/reports/rest-rule';
import type { ReportFilter } from '../../domain/reports/filter';
import { reportsClient } from '../../workers/reports-client';
import {
  figuresReadyDay,
  lastReportWriteAt,
  lastWarmResult,
  reportsPageShown,
  warmReports,
} from './use-reports';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
/** At most one "the user works" message to the worker per this many ms. */
const RELAY_MS = 250;

/** Runs `run` in the browser's next idle moment (at most `timeout` later). */
function whenIdle(run: () => void, timeout = 10_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout });
  else setTimeout(run, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts watching for rest in this window; `current` gives the filter and N the page would
 * open with. Returns a stop.
 */
export function startReportsAtRest(
  current: () => { filter: ReportFilter; quietDays: number },
): () => void {
  let live = true;
  let lastInputAt = performance.now();
  let building = false;
  let relayedAt = Number.NEGATIVE_INFINITY;
  const onInput = () => {
    lastInputAt = performance.now();
    if (building && lastInputAt - relayedAt >= RELAY_MS) {
      relayedAt = lastInputAt;
      reportsClient().userActive();
    }
  };
  for (const type of INPUT_EVENTS)
    window.addEventListener(type, onInput, { capture: true, passive: true });

  const loop = async () => {
    while (live) {
      if (reportsPageShown() || !figuresDue(figuresReadyDay(), localDayOf(new Date()))) {
        await sleep(REST_CHECK_MS);
        continue;
      }
      const wait = restWait(performance.now(), lastInputAt, lastReportWriteAt());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      await new Promise<void>((resolve) => whenIdle(resolve));
      if (!live || restWait(performance.now(), lastInputAt, lastReportWriteAt()) > 0) continue;
      const { filter, quietDays } = current();
      building = true;
      performance.mark('reports-rest-build-start');
      try {
        const ready = await warmReports(filter, quietDays, true);
        performance.mark('reports-rest-built', { detail: { ready, ...lastWarmResult() } });
        if (!ready) await sleep(REST_CHECK_MS);
      } catch {
        await sleep(REST_CHECK_MS);
      } finally {
        building = false;
      }
    }
  };
  void loop();
  return () => {
    live = false;
    for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
  };
}
