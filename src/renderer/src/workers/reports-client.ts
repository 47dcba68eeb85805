/**
 * The window's handle on the reports worker (one per window, started on first use, kept while
 * the window lives so the rows it read are kept too). Where workers are missing (unit tests),
 * the same engine runs on this thread.
 */
import * as Comlink from 'comlink';
import type { ReportOptions } from '../domain/reports/compute';
import { DEFAULT_REPORT_OPTIONS } from '../domain/reports/compute';
import { getDb } from '../db/instance';
import { readKeptResult } from '../services/crm/reports/report-kept-results';
import type { ReportSnapshotStore } from '../services/crm/reports/report-snapshot-store';
import { openReportSnapshotStore } from '../services/crm/reports/report-snapshot-store';
import type { Drill } from '../domain/reports/drill';
import type { ReportFilter } from '../domain/reports/filter';
import type {
  BehindList,
  LoadStage,
  LoadSummary,
  ReadProgress,
  ReportChoices,
  ReportView,
  WarmOutcome,
} from '../services/crm/reports/report-engine';
import { crm } from '../services/registry';
import type { ReportTable } from '../domain/reports/report-table';
import { fromSent } from './report-table-delta';
import type { ReportsWorkerApi } from './reports-worker';

export type ReportsClient = {
  load(nowMs: number, stage: LoadStage): Promise<LoadSummary>;
  compute(filter: ReportFilter, options?: ReportOptions): Promise<ReportView>;
  behind(drill: Drill, limit?: number): Promise<BehindList | null>;
  /** Figures a window kept for this filter that still stand (report-kept-results.ts), or null. */
  kept(nowMs: number, filter: ReportFilter, options?: ReportOptions): Promise<ReportView | null>;
  /** Reads the touchpoints the filter's weeks need (see ReportView.needsTouchpoints). */
  ensureTouchpoints(filter: ReportFilter): Promise<boolean>;
  /** Calls `listener` after each write to a table the reports read (any window). */
  onChange(listener: () => void): void;
  /**
   * Restores the rows from the persisted snapshot ahead of the first visit (`warmed`: done)
   * and, given a filter, computes its figures too (`view`; null when not restored).
   */
  warm(
    nowMs: number,
    filter?: ReportFilter,
    options?: ReportOptions,
    build?: boolean,
  ): Promise<WarmResult>;
  /** The user works in this window: the worker's background build pauses between chunks. */
  userActive(): void;
  /** How far the worker has read the rows (shown while the page waits for them). */
  progress(): Promise<ReadProgress>;
};

export type WarmResult = {
  warmed: boolean;
  /** What the worker did (report-engine.ts `WarmOutcome`), null when nothing was tried. */
  outcome: WarmOutcome | null;
  /** The background build's loads (where its time went; the benchmark prints them). */
  loads: LoadSummary[];
  view: ReportView | null;
  choices: ReportChoices | null;
};

let client: ReportsClient | null = null;
/**
 * Kept reads in flight, by filter and options: the warm-up's and the page's share one (two
 * reads of the same view at once doubled its decoding on this thread in a new window).
 */
const keptInFlight = new Map<string, Promise<ReportView | null>>();
/** This window's handle on the snapshot database (for the kept figures). */
let snapshotStore: ReportSnapshotStore | null = null;

function onThisThread(): ReportsClient {
  const engine = crm().reports;
  return {
    load: (nowMs, stage) => engine.load(new Date(nowMs), stage),
    compute: async (filter, options) => engine.compute(filter, options),
    behind: async (drill, limit) => engine.behind(drill, limit),
    // On this thread the engine keeps no snapshot, and so no figures for later windows.
    kept: async () => null,
    ensureTouchpoints: (filter) => engine.ensureTouchpoints(filter),
    onChange: (listener) => void engine.onChange(listener),
    // On this thread the engine keeps no snapshot: nothing to warm from, nothing built.
    warm: async () => ({ warmed: false, outcome: null, loads: [], view: null, choices: null }),
    userActive: () => undefined,
    progress: async () => engine.progress(),
  };
}

/**
 * Opens this window's connection to the snapshot database, so a kept read finds it open: in a
 * starting window the open took 0.3-0.4 s of the kept figures' 0.4-0.5 s (the app at rest
 * calls it before loading the page's code).
 */
export function openKeptStore(): Promise<void> {
  if (typeof Worker === 'undefined') return Promise.resolve();
  snapshotStore ??= openReportSnapshotStore(getDb().name);
  return snapshotStore.open();
}

/** The kept figures for a filter that still stand, read on this thread (report-kept-results.ts). */
async function readKept(
  nowMs: number,
  filter: ReportFilter,
  options: ReportOptions,
): Promise<ReportView | null> {
  snapshotStore ??= openReportSnapshotStore(getDb().name);
  const timings: Record<string, number> = {};
  const asked = performance.now();
  const now = new Date(nowMs);
  const view = await readKeptResult(getDb(), snapshotStore, now, filter, options, timings);
  // Read by the benchmark: whether a new window found figures kept for it, and when.
  performance.mark('reports-kept', { detail: { stood: view !== null, asked, ...timings } });
  return view;
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
  // The tables received so far: the worker sends an unchanged table as its id only.
  const received = new Map<string, ReportTable>();
  client = {
    load: (nowMs, stage) => remote.load(nowMs, stage),
    compute: async (filter, options) => fromSent(await remote.compute(filter, options), received),
    behind: (drill, limit) => remote.behind(drill, limit),
    // Read on this thread: the worker may be busy restoring its rows (report-kept-results.ts).
    kept: (nowMs, filter, options = DEFAULT_REPORT_OPTIONS) => {
      const key = JSON.stringify([filter, options]);
      const inFlight = keptInFlight.get(key);
      if (inFlight) return inFlight;
      const read = readKept(nowMs, filter, options).finally(() => keptInFlight.delete(key));
      keptInFlight.set(key, read);
      return read;
    },
    ensureTouchpoints: (filter) => remote.ensureTouchpoints(filter),
    onChange: (listener) => void remote.onChange(Comlink.proxy(listener)),
    warm: async (nowMs, filter, options, build) => {
      const { warmed, outcome, loads, view, choices } = await remote.warm(
        nowMs,
        filter,
        options,
        build,
      );
      return { warmed, outcome, loads, choices, view: view ? fromSent(view, received) : null };
    },
    userActive: () => void remote.userActive(),
    progress: () => remote.progress(),
  };
  return client;
}
