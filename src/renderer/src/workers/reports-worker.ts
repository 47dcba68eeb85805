/**
 * The reports off the UI thread: this worker opens its own connection to the database, keeps
 * the rows it read and what it prepared from them for as long as the window lives, re-reads
 * only the rows written since (Dexie's write announcements reach it from every window), and
 * answers a filter change with the figures only (docs/reports.md, "Speed"). Its first load
 * restores the rows from the persisted snapshot and the journal after it ("The snapshot").
 */
import * as Comlink from 'comlink';
import { CrmDatabase } from '../db/database';
import type { LoadStage } from '../services/crm/reports/report-engine';
import { createReportEngine } from '../services/crm/reports/report-engine';
import { trackReportChanges } from '../services/crm/reports/report-changes';
import { openReportSnapshotStore } from '../services/crm/reports/report-snapshot-store';
import type { ReportOptions } from '../domain/reports/compute';
import type { ReportFilter } from '../domain/reports/filter';
import type { SentMemory } from './report-table-delta';
import { toSent } from './report-table-delta';

const db = new CrmDatabase();
// The rows persist between windows as a snapshot (`<db>-reports`), kept up by the journal.
const engine = createReportEngine(db, trackReportChanges(db.name), {
  snapshots: openReportSnapshotStore(db.name),
  onSaveError: (error) => console.warn('The reports snapshot was not saved', error),
});
/** Now in epoch milliseconds, comparable with the window's clock (for the benchmark). */
const epochNow = () => performance.timeOrigin + performance.now();

/** What this worker last sent its window, per table (one worker serves one window). */
const sent: SentMemory = new Map();

const api = {
  load: (nowMs: number, stage: LoadStage) => engine.load(new Date(nowMs), stage),
  compute: (filter: ReportFilter, options?: ReportOptions) => {
    const askedAt = epochNow();
    const view = engine.compute(filter, options);
    const computedAt = epochNow();
    const out = toSent(view, sent);
    return out.ok ? { ...out, timing: { askedAt, computedAt, sentAt: epochNow() } } : out;
  },
  behind: engine.behind,
  /**
   * Restores the rows from the snapshot when idle and, given the filter the page would open
   * with, computes its figures too (kept for the visit, and sent ahead to the window). With
   * `build` (the app at rest), builds the rows in the background when no snapshot serves
   * (read in chunks) and brings kept rows up to date (a new day).
   */
  warm: async (nowMs: number, filter?: ReportFilter, options?: ReportOptions, build = false) => {
    const outcome = await engine.warm(new Date(nowMs), build);
    const warmed = outcome === 'restored' || outcome === 'built' || outcome === 'kept';
    const loads = build ? engine.lastBuild() : [];
    if (!warmed || !filter) return { warmed, outcome, loads, view: null, choices: null };
    return {
      warmed,
      outcome,
      loads,
      view: toSent(engine.compute(filter, options), sent),
      choices: engine.choices(),
    };
  },
  /** The user works in the window: a background build pauses between chunks. */
  userActive: () => engine.userActive(),
  /** How far the rows are read (the page shows it while it waits). */
  progress: () => engine.progress(),
  ensureTouchpoints: (filter: ReportFilter) => engine.ensureTouchpoints(filter),
  /** The window's listener is called after each write to a table the reports read. */
  onChange: (listener: () => void) => {
    engine.onChange(listener);
  },
};

export type ReportsWorkerApi = typeof api;

Comlink.expose(api);
