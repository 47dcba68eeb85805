/**
 * Benchmarks only (`encoreDev.writeCeilings.recordCosts`, bench/write-path-bench.mjs with
 * BENCH_ONLY=records): what one record costs to write in this browser's IndexedDB, so the
 * write path's target (2,000 customers/s) can be judged against what the storage does at all.
 *
 * - `tables`: the app's own records (a demo customer's profile, emails, phones, touchpoints
 *   and list row; a search journal entry, an outbox entry, an import chunk's undo record, a
 *   reports journal entry) written table by table with raw `put`s on a fresh database of the
 *   app's schema, so each table's indexes are the app's.
 * - `synthetic`: a plain IndexedDB database of its own, one record shape varied one way at a
 *   time: the number of secondary indexes (random string values, as an email index's are),
 *   the record's size, the transaction's size, ordered or random primary keys.
 *
 * Every figure is wall time of whole transactions (put issued -> complete) divided by the
 * records written, in µs; bytes are the JSON length of the record (close to its structured
 * clone). No Dexie, no middleware: this is the floor under any write path.
 */
import Dexie from 'dexie';
import { CrmDatabase } from '../db/database';
import type { ImportJobChunk, OutboxEntry } from '../domain/records';
import { demoCustomerRecords } from '../services/crm/demo/demo-customer-records';
import { createDemoDataService } from '../services/crm/demo/demo-data-service';
import { projectDemoRows } from './fast-seed';

export type RecordCost = {
  label: string;
  records: number;
  /** Median over the rounds, µs per record. */
  usPerRecord: number;
  /** JSON length of one record, mean. */
  bytes: number;
  /** Secondary index entries one record adds, mean (multi-entry arrays count each key). */
  indexEntries: number;
};

/** Writes `items` with raw puts, `txSize` per transaction, one transaction after another. */
async function putAll(
  idb: IDBDatabase,
  store: string,
  items: readonly unknown[],
  txSize: number,
): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < items.length; start += txSize)
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(store, 'readwrite');
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error(`record costs: ${store} aborted`));
      const target = tx.objectStore(store);
      const end = Math.min(items.length, start + txSize);
      for (let i = start; i < end; i += 1) target.put(items[i]);
    });
  return performance.now() - started;
}

function isKey(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') return true;
  return value instanceof Date || (Array.isArray(value) && value.every(isKey));
}

/** Index entries `item` adds to `store` (a missing or unindexable value adds none). */
function indexEntries(store: IDBObjectStore, item: Record<string, unknown>): number {
  let entries = 0;
  for (const name of Array.from(store.indexNames)) {
    const index = store.index(name);
    const paths = Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath];
    const values = paths.map((path) => item[path]);
    if (!values.every(isKey)) continue;
    const value = values[0];
    entries += index.multiEntry && Array.isArray(value) ? new Set(value).size : 1;
  }
  return entries;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

type Case = { label: string; store: string; items: () => Record<string, unknown>[] };

async function runCases(
  idb: IDBDatabase,
  cases: readonly Case[],
  rounds: number,
  txSize: (label: string) => number,
): Promise<RecordCost[]> {
  const times = cases.map(() => [] as number[]);
  const shapes = cases.map(() => ({ records: 0, bytes: 0, entries: 0 }));
  for (let round = 0; round < rounds; round += 1)
    for (const [index, entry] of cases.entries()) {
      // Fresh records each round (new keys): a round never overwrites the previous one's.
      const items = entry.items();
      const ms = await putAll(idb, entry.store, items, txSize(entry.label));
      times[index]?.push((ms * 1000) / items.length);
      if (round === 0) {
        const probe = idb.transaction(entry.store, 'readonly').objectStore(entry.store);
        const sample = items.slice(0, 200);
        shapes[index] = {
          records: items.length,
          bytes: sample.reduce((sum, item) => sum + JSON.stringify(item).length, 0) / sample.length,
          entries: sample.reduce((sum, item) => sum + indexEntries(probe, item), 0) / sample.length,
        };
      }
    }
  return cases.map((entry, index) => ({
    label: entry.label,
    records: shapes[index]?.records ?? 0,
    usPerRecord: median(times[index] ?? []),
    bytes: shapes[index]?.bytes ?? 0,
    indexEntries: shapes[index]?.entries ?? 0,
  }));
}

/**
 * The app's records, table by table, `customers` demo customers' worth per round, in
 * transactions of `txSize` records (per-chunk records, the journals and import chunk, one per
 * `txSize` customers, as the write path writes them).
 */
export async function appTableCosts(options: {
  customers: number;
  txSize: number;
  rounds: number;
}): Promise<RecordCost[]> {
  const { customers, txSize, rounds } = options;
  const name = `record-costs-${Math.random()}`;
  const db = new CrmDatabase(name);
  await db.open();
  await createDemoDataService(db).seed(0);
  const teamIds = (await db.team_members.toArray()).map((member) => member.id);
  let next = 0;
  // One demo batch per round, shared by the cases of that round (built outside the timing).
  let batch: { records: ReturnType<typeof demoCustomerRecords>; rows: object[] } | null = null;
  const fresh = () => {
    const records = demoCustomerRecords({
      first: next,
      count: customers,
      teamIds,
      seed: 7,
      currency: null,
    });
    next += customers;
    batch = { records, rows: projectDemoRows(records) };
    return batch;
  };
  const current = () => batch ?? fresh();
  const chunks = Math.max(1, Math.ceil(customers / txSize));
  const now = new Date().toISOString();
  const cases: Case[] = [
    {
      label: 'customer_profiles',
      store: 'customer_profiles',
      items: () => fresh().records.profiles,
    },
    { label: 'customer_emails', store: 'customer_emails', items: () => current().records.emails },
    { label: 'customer_phones', store: 'customer_phones', items: () => current().records.phones },
    {
      label: 'customer_engagement_metrics (touchpoints)',
      store: 'customer_engagement_metrics',
      items: () => current().records.touches,
    },
    {
      label: 'customers_crm_v (list rows)',
      store: 'customers_crm_v',
      items: () => current().rows as Record<string, unknown>[],
    },
    {
      label: 'sync_outbox (one per profile, value = the row)',
      store: 'sync_outbox',
      items: () =>
        current().records.profiles.map((profile): OutboxEntry => ({
          table: 'customer_profiles',
          row_id: profile.id,
          op: 'put',
          value: profile,
          changed_fields: null,
          tx_id: 'bench',
          captured_at: now,
          hlc: `${now}-0000-bench`,
        })),
    },
    {
      label: `search_journal (one per ${txSize} customers)`,
      store: 'search_journal',
      items: () =>
        Array.from({ length: chunks }, (_, i) => ({
          customer_ids: current()
            .records.profiles.slice(i * txSize, (i + 1) * txSize)
            .map((profile) => profile.id),
        })),
    },
    {
      label: `import_job_chunks (undo of ${txSize} created)`,
      store: 'import_job_chunks',
      items: () =>
        Array.from({ length: chunks }, (_, i): ImportJobChunk => ({
          id: `${Math.random()}`,
          job_id: 'bench',
          undo: {
            written_at: now,
            created: current()
              .records.profiles.slice(i * txSize, (i + 1) * txSize)
              .map((profile) => profile.id),
            updated: [],
          },
          errors: null,
        })),
    },
    {
      label: 'reports_journal (one per table per write)',
      store: 'reports_journal',
      items: () =>
        Array.from({ length: chunks * 4 }, () => ({
          table: 'customer_profiles',
          keys: current()
            .records.profiles.slice(0, txSize)
            .map((profile) => profile.id),
        })),
    },
  ];
  // Per-chunk records (journals, import chunks) are written one per transaction, as the write
  // path does; per-customer records `txSize` per transaction.
  const perChunk = (label: string) => /journal|import_job_chunks/.test(label);
  const idb = db.backendDB();
  try {
    return await runCases(idb, cases, rounds, (label) => (perChunk(label) ? 1 : txSize));
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

const SYNTHETIC_INDEXES = 8;
const SYNTHETIC_PADS = [0, 500, 2_000, 8_000] as const;

function randomText(length: number): string {
  let text = '';
  while (text.length < length) text += Math.random().toString(36).slice(2);
  return text.slice(0, length);
}

function openSynthetic(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const idb = request.result;
      for (let k = 0; k <= SYNTHETIC_INDEXES; k += k === 0 ? 1 : k) {
        const store = idb.createObjectStore(`indexes_${k}`, { keyPath: 'id' });
        for (let i = 1; i <= k; i += 1) store.createIndex(`f${i}`, `f${i}`);
      }
      idb.createObjectStore('plain', { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('record costs: open failed'));
  });
}

let counter = 0;
/** A record of ~150 bytes plus `pad`: ordered id (as UUIDv7 ids are), 8 random fields. */
function syntheticRecord(pad: number, randomId = false): Record<string, unknown> {
  counter += 1;
  const record: Record<string, unknown> = {
    id: randomId
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${String(counter).padStart(10, '0')}`,
  };
  for (let i = 1; i <= SYNTHETIC_INDEXES; i += 1) record[`f${i}`] = randomText(12);
  if (pad > 0) record['pad'] = randomText(pad);
  return record;
}

/**
 * One shape varied at a time, `records` per case and round: secondary indexes 0, 1, 2, 4, 8
 * (transactions of `txSize`); record sizes (no index); transaction sizes 1 to 5,000 (no
 * index); ordered against random primary keys.
 */
export async function syntheticCosts(options: {
  records: number;
  txSize: number;
  rounds: number;
}): Promise<RecordCost[]> {
  const { records, txSize, rounds } = options;
  const name = `record-costs-synthetic-${Math.random()}`;
  const idb = await openSynthetic(name);
  const many =
    (pad: number, randomId = false) =>
    () =>
      Array.from({ length: records }, () => syntheticRecord(pad, randomId));
  const cases: Case[] = [];
  for (let k = 0; k <= SYNTHETIC_INDEXES; k += k === 0 ? 1 : k)
    cases.push({
      label: `${k} secondary indexes, tx ${txSize}`,
      store: `indexes_${k}`,
      items: many(0),
    });
  for (const pad of SYNTHETIC_PADS)
    cases.push({
      label: `size +${pad} B, no index, tx ${txSize}`,
      store: 'plain',
      items: many(pad),
    });
  const sizes = [1, 10, 100, 1_000, 5_000];
  for (const size of sizes)
    cases.push({ label: `tx of ${size}, no index`, store: 'plain', items: many(0) });
  cases.push({
    label: `random primary keys, no index, tx ${txSize}`,
    store: 'plain',
    items: many(0, true),
  });
  const sizeOf = (label: string) => {
    const match = /^tx of (\d+)/.exec(label);
    return match ? Number(match[1]) : txSize;
  };
  try {
    // Transactions of 1 or 10 are slow per record: fewer records for them keep the run short.
    const short = cases.map((entry) =>
      /^tx of (1|10),/.test(entry.label)
        ? { ...entry, items: () => entry.items().slice(0, Math.min(records, 1_000)) }
        : entry,
    );
    return await runCases(idb, short, rounds, sizeOf);
  } finally {
    idb.close();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
    });
  }
}
