/**
 * Developer and benchmark hooks, installed only when the page is opened with `?dev` (never in
 * normal use: Electron loads the app without it). Benchmarks drive the real app through this
 * object: seed large data sets, time raw Dexie queries beside the UI, run the import service
 * on the page to profile it, and write ceilings with a plain Dexie (no middlewares).
 */
import Dexie from 'dexie';
import type { DBCore, Middleware } from 'dexie';
import Papa from 'papaparse';
import { blobByteSource, sniffCsv } from '@shared/csv';
import { changeCaptureMiddleware } from '../db/change-capture-middleware';
import { CrmDatabase } from '../db/database';
import { guardMiddleware } from '../db/guard-middleware';
import { getDb } from '../db/instance';
import { projectionMiddleware } from '../db/projection-middleware';
import { widenWriteScope } from '../db/transaction-scope';
import { SCHEMA_V1 } from '../db/schema';
import { autoMap } from '../domain/import/mapping';
import { logScoresByCustomer, NO_ENGAGEMENT_LOG } from '../domain/reports/engagement-score';
import type { CustomerListQuery } from '../services/crm/customers/customer-list-query';
import { readSourceInChunks, readWholeSource } from '../services/crm/reports/report-source-tables';
import {
  DEFAULT_LIST_QUERY,
  queryCustomerList,
} from '../services/crm/customers/customer-list-query';
import { createDemoDataService } from '../services/crm/demo/demo-data-service';
import { countDueBefore, readOpenDueTimes } from '../services/crm/tasks/task-queries';
import { crm } from '../services/registry';
import { completeInitialUpload } from '../sync/initial-upload';
import { duplicatesClient } from '../workers/duplicates-client';
import { customerSearch } from '../workers/search-client';
import { fastSeed } from './fast-seed';
import { appTableCosts, syntheticCosts } from './record-costs';
import { dropCeilingDatabase, openCeilingDatabase, timeCeiling } from './write-ceilings';

/** The write path's middlewares, by the name a profiling benchmark leaves out. */
const LAYERS = {
  guard: guardMiddleware,
  projection: projectionMiddleware,
  capture: changeCaptureMiddleware,
} as const;

const WIDEN_ONLY: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-widen-only',
  level: 1.1,
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(widenWriteScope(stores, mode), mode, options),
  }),
};

/**
 * The write-path profile (bench/write-path-bench.mjs): seeds `count` demo customers into a
 * fresh database of the app's schema with only the middlewares in `layers`, and times it.
 * Leaving one out shows what it costs per customer.
 */
async function seedWithLayers(
  layers: readonly (keyof typeof LAYERS)[],
  count: number,
  options: { chunkSize?: number; syncConfigured?: boolean } = {},
): Promise<number> {
  const chunkSize = options.chunkSize ?? 2000;
  const db = new CrmDatabase(`write-profile-${Math.random()}`);
  for (const [name, middleware] of Object.entries(LAYERS))
    if (!layers.includes(name as keyof typeof LAYERS))
      db.unuse({ stack: 'dbcore', name: middleware.name ?? '' });
  // The projection writes tables its caller did not name: capture widens the scope for it.
  if (!layers.includes('capture')) db.use(WIDEN_ONLY);
  await db.open();
  // As once sync is configured: every change queued (a new database's capture is dormant).
  if (options.syncConfigured) await completeInitialUpload(db);
  const started = performance.now();
  await createDemoDataService(db).seed(count, { chunkSize });
  const ms = performance.now() - started;
  await db.delete();
  return ms;
}

export function installDevHooks(): void {
  const queries = {
    customerList: (patch: Partial<CustomerListQuery>) =>
      queryCustomerList(getDb(), { ...DEFAULT_LIST_QUERY, ...patch }),
    // bench:tasks: the overdue badge's read after a task write (`onPage` sees each page's
    // rows) and its count at a clock tick, as useOverdueCount runs them.
    openDueTimes: (onPage?: (rows: number) => void) => readOpenDueTimes(getDb(), undefined, onPage),
    countDueBefore,
  };
  const libs = {
    Dexie,
    Papa,
    SCHEMA_V1,
    blobByteSource,
    sniffCsv,
    autoMap,
    // bench:reports writes cloned list rows in bulk with the score the projection would store.
    logScoresByCustomer,
    NO_ENGAGEMENT_LOG,
    // bench/reports-chunk-probe.mjs: the reports' first read, chunked and whole, on this thread.
    readSourceInChunks,
    readWholeSource,
  };
  // Benchmarks: the search index's state, size and start, and a snapshot save on demand.
  const engine = customerSearch(getDb());
  const search = {
    diagnostics: () => engine.diagnostics(),
    save: () => engine.save(),
    query: engine.query.bind(engine),
    // bench:search's ceiling (the same answer as plain rows) and its split of a keystroke.
    queryWithRows: engine.queryWithRows.bind(engine),
    lastRowsTiming: () => engine.lastRowsTiming(),
    whenReady: () => engine.whenReady(),
  };
  // bench:duplicates-scan-writes: whether detection's first scan ended, and its chunks.
  let duplicatesStarted: 'scanning' | 'ready' | 'failed' | 'idle' = 'idle';
  const duplicates = {
    start: () => {
      if (duplicatesStarted === 'idle') {
        duplicatesStarted = 'scanning';
        duplicatesClient.start().then(
          () => (duplicatesStarted = 'ready'),
          () => (duplicatesStarted = 'failed'),
        );
      }
    },
    state: () => duplicatesStarted,
    lastScan: () => duplicatesClient.api().lastScan(),
  };
  // Large benchmark sets without the write path (fast-seed.ts says what it skips).
  const seedFast = (count: number, options?: Parameters<typeof fastSeed>[2]) =>
    fastSeed(getDb(), count, options);
  Object.assign(window, {
    encoreDev: {
      db: getDb(),
      crm: crm(),
      queries,
      libs,
      search,
      duplicates,
      fastSeed: seedFast,
      seedWithLayers,
      writeCeilings: {
        open: openCeilingDatabase,
        time: timeCeiling,
        drop: dropCeilingDatabase,
        recordCosts: { tables: appTableCosts, synthetic: syntheticCosts },
      },
    },
  });
}
