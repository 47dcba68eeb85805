/**
 * Benchmarks only (`encoreDev.writeCeilings`, bench/write-path-bench.mjs): what one customer's
 * write costs at each level, so the write path's rate has ceilings measured in the same run.
 *
 * - `raw`: raw IndexedDB `put`s on the connection below Dexie of everything the write path
 *   leaves for a customer (profile, emails, phones, touchpoints, its list row, one search
 *   journal entry per chunk), one transaction per chunk.
 * - `dexie`: the same rows through Dexie's `bulkPut` per table per chunk, with none of the
 *   app's middlewares (a second connection built without them).
 * - `full`: the app's write path (the demo seed's chunks through every middleware).
 *
 * Records are built before `raw` and `dexie` are timed (their build is timed alone, `build`);
 * `full` builds them as the seed does, inside its time. Each variant writes into the same
 * database, so a prefilled one (100,000 customers written by the fast seed) gives the cost in
 * a large database.
 */
import Dexie from 'dexie';
import { changeCaptureMiddleware } from '../db/change-capture-middleware';
import { CrmDatabase } from '../db/database';
import { guardMiddleware } from '../db/guard-middleware';
import { projectionMiddleware } from '../db/projection-middleware';
import { reportsJournalMiddleware } from '../db/reports-journal-middleware';
import type { DemoCustomerRecords } from '../services/crm/demo/demo-customer-records';
import { demoCustomerRecords } from '../services/crm/demo/demo-customer-records';
import { createDemoDataService } from '../services/crm/demo/demo-data-service';
import type { CustomerListRow } from '../domain/records';
import { fastSeed, projectDemoRows } from './fast-seed';

export type CeilingVariant = 'build' | 'raw' | 'dexie' | 'full';

type Built = { records: DemoCustomerRecords; rows: CustomerListRow[] };

const TABLES = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'customers_crm_v',
  'search_journal',
] as const;

function rawChunk(idb: IDBDatabase, { records, rows }: Built): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction([...TABLES], 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('raw ceiling: aborted'));
    const putAll = (table: (typeof TABLES)[number], items: readonly object[]) => {
      const store = tx.objectStore(table);
      for (const item of items) store.put(item);
    };
    putAll('customer_profiles', records.profiles);
    putAll('customer_emails', records.emails);
    putAll('customer_phones', records.phones);
    putAll('customer_engagement_metrics', records.touches);
    putAll('customers_crm_v', rows);
    putAll('search_journal', [{ customer_ids: rows.map((row) => row.customer_id) }]);
  });
}

/** A connection to `name` without the app's middlewares (plain Dexie). */
function plainDexie(name: string): CrmDatabase {
  const db = new CrmDatabase(name);
  for (const mw of [
    guardMiddleware,
    projectionMiddleware,
    changeCaptureMiddleware,
    reportsJournalMiddleware,
  ])
    db.unuse({ stack: 'dbcore', name: mw.name ?? '' });
  return db;
}

export type CeilingDatabase = {
  name: string;
  /** Next demo person index (so each variant writes distinct people). */
  next: number;
  teamIds: string[];
};

/** A fresh database of the app's schema holding `prefill` customers (fast seed). */
export async function openCeilingDatabase(prefill: number): Promise<CeilingDatabase> {
  const name = `write-ceiling-${Math.random()}`;
  const db = new CrmDatabase(name);
  await db.open();
  if (prefill > 0) await fastSeed(db, prefill, { chunkSize: 10_000, first: 0, seed: 7 });
  else await createDemoDataService(db).seed(0);
  const teamIds = (await db.team_members.toArray()).map((m) => m.id);
  db.close();
  return { name, next: prefill, teamIds };
}

export async function dropCeilingDatabase(target: CeilingDatabase): Promise<void> {
  await Dexie.delete(target.name);
}

/** Times `count` customers written one way, in chunks of `chunkSize`; ms of the timed part. */
export async function timeCeiling(
  target: CeilingDatabase,
  variant: CeilingVariant,
  count: number,
  chunkSize: number,
): Promise<number> {
  // The demo seed starts at the number of profiles there: so does every variant ('build'
  // writes nothing, so it takes no people).
  const first = target.next;
  if (variant !== 'build') target.next += count;
  const build = (start: number): Built => {
    const records = demoCustomerRecords({
      first: first + start,
      count: Math.min(count, start + chunkSize) - start,
      teamIds: target.teamIds,
      seed: 7,
      // Benchmarks keep the records they measured (no currency, as older touchpoints).
      currency: null,
    });
    return { records, rows: projectDemoRows(records) };
  };
  if (variant === 'full') {
    const db = new CrmDatabase(target.name);
    await db.open();
    const started = performance.now();
    await createDemoDataService(db).seed(count, { chunkSize, seed: 7 });
    const ms = performance.now() - started;
    db.close();
    return ms;
  }
  const builtStarted = performance.now();
  const chunks: Built[] = [];
  for (let start = 0; start < count; start += chunkSize) chunks.push(build(start));
  if (variant === 'build') return performance.now() - builtStarted;
  const db = plainDexie(target.name);
  await db.open();
  const started = performance.now();
  if (variant === 'raw') {
    const idb = db.backendDB();
    for (const chunk of chunks) await rawChunk(idb, chunk);
  } else {
    for (const { records, rows } of chunks)
      await db.transaction(
        'rw',
        [
          db.customer_profiles,
          db.customer_emails,
          db.customer_phones,
          db.customer_engagement_metrics,
          db.customers_crm_v,
          db.search_journal,
        ],
        async () => {
          await db.customer_profiles.bulkPut(records.profiles);
          await db.customer_emails.bulkPut(records.emails);
          await db.customer_phones.bulkPut(records.phones);
          await db.customer_engagement_metrics.bulkPut(records.touches);
          await db.customers_crm_v.bulkPut(rows);
          await db.search_journal.add({ customer_ids: rows.map((row) => row.customer_id) });
        },
      );
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}
