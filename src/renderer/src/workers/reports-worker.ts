/**
 * The reports off the UI thread: this worker opens its own connection to the database, reads
 * the rows once per data change and keeps them prepared in memory, so a filter change is a
 * computation here and a few hundred KiB of tables sent back (docs/reports.md, "Speed").
 */
import * as Comlink from 'comlink';
import { CrmDatabase } from '../db/database';
import { createReportEngine } from '../services/crm/reports/report-engine';

const engine = createReportEngine(new CrmDatabase());

const api = {
  load: (nowMs: number) => engine.load(new Date(nowMs)),
  compute: engine.compute,
  behind: engine.behind,
};

export type ReportsWorkerApi = typeof api;

Comlink.expose(api);
