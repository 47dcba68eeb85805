/**
 * The window's handle on the reports worker (one per window, started on first use). Where
 * workers are missing (unit tests), the same engine runs on this thread.
 */
import * as Comlink from 'comlink';
import type { ReportOptions } from '../domain/reports/compute';
import type { Drill } from '../domain/reports/drill';
import type { ReportFilter } from '../domain/reports/filter';
import type { BehindList, LoadSummary, ReportView } from '../services/crm/reports/report-engine';
import { crm } from '../services/registry';
import type { ReportsWorkerApi } from './reports-worker';

export type ReportsClient = {
  load(nowMs: number): Promise<LoadSummary>;
  compute(filter: ReportFilter, options?: ReportOptions): Promise<ReportView>;
  behind(drill: Drill, limit?: number): Promise<BehindList | null>;
};

let client: ReportsClient | null = null;

function onThisThread(): ReportsClient {
  const engine = crm().reports;
  return {
    load: (nowMs) => engine.load(new Date(nowMs)),
    compute: async (filter, options) => engine.compute(filter, options),
    behind: async (drill, limit) => engine.behind(drill, limit),
  };
}

export function reportsClient(): ReportsClient {
  if (client) return client;
  if (typeof Worker === 'undefined') {
    client = onThisThread();
    return client;
  }
  const remote = Comlink.wrap<ReportsWorkerApi>(
    new Worker(new URL('./reports-worker.ts', import.meta.url), { type: 'module' }),
  );
  client = {
    load: (nowMs) => remote.load(nowMs),
    compute: (filter, options) => remote.compute(filter, options),
    behind: (drill, limit) => remote.behind(drill, limit),
  };
  return client;
}
