/**
 * The reports off the UI thread: this worker opens its own connection to the database, keeps
 * the rows it read and what it prepared from them for as long as the window lives, re-reads
 * only the rows written since (Dexie's write announcements reach it from every window), and
 * answers a filter change with the figures only (docs/reports.md, "Speed").
 */
import * as Comlink from 'comlink';
import { CrmDatabase } from '../db/database';
import type { LoadStage } from '../services/crm/reports/report-engine';
import { createReportEngine } from '../services/crm/reports/report-engine';

const engine = createReportEngine(new CrmDatabase());

const api = {
  load: (nowMs: number, stage: LoadStage) => engine.load(new Date(nowMs), stage),
  compute: engine.compute,
  behind: engine.behind,
  /** The window's listener is called after each write to a table the reports read. */
  onChange: (listener: () => void) => {
    engine.onChange(listener);
  },
};

export type ReportsWorkerApi = typeof api;

Comlink.expose(api);
