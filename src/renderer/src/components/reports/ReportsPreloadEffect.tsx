/**
 * Loads the dashboard's code (the page and its figures) once the first
 * screen is shown and the browser is idle, so the first visit to the reports does not parse
 * and compile it in one long main-thread task (docs/reports.md, "The main thread"). Then,
 * idle again, the reports worker restores its rows from the persisted snapshot, if there is
 * one (a device where the reports were opened before), and computes the figures for the
 * page's filter: the first visit shows them at once while the worker confirms them.
 * Without a snapshot (a database the reports never saw), or on a new local day, the figures
 * are made ready once the app rests (hooks/reports/reports-at-rest.ts): the worker builds its
 * rows in the background, read in chunks, pausing while the user works.
 */
import { useEffect } from 'react';
import { afterFirstScreen } from '../../app/first-screen';

/** How long "idle" may keep the preload waiting on a busy machine. */
const IDLE_TIMEOUT_MS = 10_000;

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

export function preloadReportsPage(): Promise<unknown> {
  return import('../../pages/crm/ReportsPage');
}

export function ReportsPreloadEffect() {
  useEffect(() => {
    let live = true;
    let stopAtRest: (() => void) | null = null;
    void afterFirstScreen().then(() => {
      const warm = async () => {
        // In the page's chunk, loaded just before: the figures for the filter it opens with.
        const [{ warmReports }, { useReportFilterStore }, { startReportsAtRest }] =
          await Promise.all([
            import('../../hooks/reports/use-reports'),
            import('../../stores/reports/report-filter-store'),
            import('../../hooks/reports/reports-at-rest'),
          ]);
        if (!live) return;
        const { filter, quietDays } = useReportFilterStore.getState();
        const warmed = await warmReports(filter, quietDays);
        performance.mark('reports-warmed', { detail: { warmed } });
        if (!live) return;
        stopAtRest = startReportsAtRest(() => useReportFilterStore.getState());
      };
      const run = () => {
        if (!live) return;
        // The snapshot database opened beside the page's code: the first visit's kept read
        // (a new window's first figures) then finds it open.
        void import('../../workers/reports-client')
          .then(({ openKeptStore }) => openKeptStore())
          .catch(() => undefined);
        // The route retries a failed chunk; a failed warm-up leaves it to the first visit.
        void preloadReportsPage()
          .then(() => whenIdle(() => void warm().catch(() => undefined)))
          .catch(() => undefined);
      };
      whenIdle(run);
    });
    return () => {
      live = false;
      stopAtRest?.();
    };
  }, []);
  return null;
}
