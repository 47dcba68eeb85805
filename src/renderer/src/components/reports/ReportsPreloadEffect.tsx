/**
 * Loads the dashboard's code (the page and recharts, its largest dependency) once the first
 * screen is shown and the browser is idle, so the first visit to the reports does not parse
 * and compile it in one long main-thread task (docs/reports.md, "The main thread"). Nothing
 * is run or read: the module is only fetched and evaluated.
 */
import { useEffect } from 'react';
import { afterFirstScreen } from '../../app/first-screen';

/** How long "idle" may keep the preload waiting on a busy machine. */
const IDLE_TIMEOUT_MS = 10_000;

export function preloadReportsPage(): Promise<unknown> {
  return import('../../pages/crm/ReportsPage');
}

export function ReportsPreloadEffect() {
  useEffect(() => {
    let live = true;
    void afterFirstScreen().then(() => {
      const run = () => {
        if (live) void preloadReportsPage().catch(() => undefined); // the route retries
      };
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
      else setTimeout(run, 0);
    });
    return () => {
      live = false;
    };
  }, []);
  return null;
}
