/**
 * Benchmarks only (`encoreDev.fastSeed`): seeds demo customers without the write path, so that
 * bench:search can hold 1,048,576 customers in minutes rather than hours. It writes what the
 * write path would leave for the same customers: the demo seed's records
 * (demoCustomerRecords), their list rows built by the real projection (projectCustomerRow),
 * and one search_journal entry per chunk, all in one transaction per chunk of raw IndexedDB adds
 * on the app's connection below Dexie (no guard, no projection middleware, no outbox: these
 * customers are never pushed by sync). Whatever it skips is the write path's cost, measured on
 * a slice by `encoreDev.crm.demo.seed`.
 */
import { projectCustomerRow } from '../domain/customer-projection';
import type { CrmDatabase } from '../db/database';
import type { CustomerListRow } from '../domain/records';
import { journalMeta } from '../services/crm/customers/search/search-journal';
import type { DemoCustomerRecords } from '../services/crm/demo/demo-customer-records';
import { demoCustomerRecords } from '../services/crm/demo/demo-customer-records';
import { createDemoDataService } from '../services/crm/demo/demo-data-service';

/** The list rows the projection builds for these records, one per customer. */
export function projectDemoRows(records: DemoCustomerRecords): CustomerListRow[] {
  const byCustomer = <T extends { customer_id: string }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const list = map.get(item.customer_id);
      if (list) list.push(item);
      else map.set(item.customer_id, [item]);
    }
    return map;
  };
  const emails = byCustomer(records.emails);
  const phones = byCustomer(records.phones);
  const touches = byCustomer(records.touches);
  const rows: CustomerListRow[] = [];
  for (const profile of records.profiles) {
    const row = projectCustomerRow({
      profile,
      emails: emails.get(profile.id) ?? [],
      phones: phones.get(profile.id) ?? [],
      touchpoints: touches.get(profile.id) ?? [],
    });
    if (row) rows.push(row);
  }
  return rows;
}

/** The tables a fast seed writes, in one transaction per chunk. */
const TABLES = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'customers_crm_v',
  'search_journal',
] as const;

/**
 * One chunk in one read-write transaction of raw IndexedDB `add`s: no Dexie request per
 * record, no change broadcast (so no window or worker follows the seed as it goes: the search
 * worker learns of these customers from the journal, or rebuilds), `relaxed` durability (one
 * chunk lost to a crash is seeded again by a resumed run). Resolves when the chunk committed.
 * Without records, only the list rows and their journal entries.
 */
function writeChunk(
  idb: IDBDatabase,
  records: DemoCustomerRecords | null,
  rows: readonly CustomerListRow[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(
      records ? [...TABLES] : ['customers_crm_v', 'search_journal'],
      'readwrite',
      { durability: 'relaxed' },
    );
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('fast seed: transaction aborted'));
    const addAll = (table: (typeof TABLES)[number], items: readonly object[]) => {
      const store = tx.objectStore(table);
      for (const item of items) store.add(item);
    };
    if (records) {
      addAll('customer_profiles', records.profiles);
      addAll('customer_emails', records.emails);
      addAll('customer_phones', records.phones);
      addAll('customer_engagement_metrics', records.touches);
    }
    addAll('customers_crm_v', rows);
    // `++seq`: the store numbers each entry, as Dexie's add does.
    // One entry naming the chunk's customers, as the projection journals a rebuild.
    addAll('search_journal', [{ customer_ids: rows.map((row) => row.customer_id) }]);
  });
}

export async function fastSeed(
  db: CrmDatabase,
  count: number,
  options: {
    chunkSize?: number;
    seed?: number;
    /** The next demo person's index (default: the profiles there; counting walks them all). */
    first?: number;
    /**
     * `search`: only what search reads (list rows and journal), the records made and projected
     * but not stored: a third of the writes, for a million customers on a loaded machine. The
     * database then serves the list and search only (no detail page, no duplicates).
     */
    tables?: 'all' | 'search';
  } = {},
): Promise<{ buildMs: number; writeMs: number }> {
  const chunkSize = options.chunkSize ?? 10_000;
  // The team (and nothing else) through the write path, as the demo seed makes it.
  await createDemoDataService(db).seed(0);
  const teamIds = (await db.team_members.toArray())
    .filter((member) => member.deleted === 0)
    .map((member) => member.id);
  await journalMeta(db);
  const offset = options.first ?? (await db.customer_profiles.count());
  // The app's own connection, below Dexie: none of its middlewares, hooks or broadcasts.
  const idb = db.backendDB();
  const spent = { buildMs: 0, writeMs: 0 };
  // The next chunk is made while the database writes the last one.
  let writing: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < count; start += chunkSize) {
    const built = performance.now();
    const records = demoCustomerRecords({
      first: offset + start,
      count: Math.min(count, start + chunkSize) - start,
      teamIds,
      seed: options.seed ?? 1,
      // Benchmarks keep the records they measured (no currency, as older touchpoints).
      currency: null,
    });
    const rows = projectDemoRows(records);
    const waited = performance.now();
    spent.buildMs += waited - built;
    await writing;
    spent.writeMs += performance.now() - waited;
    writing = writeChunk(idb, options.tables === 'search' ? null : records, rows);
  }
  const waited = performance.now();
  await writing;
  spent.writeMs += performance.now() - waited;
  return spent;
}
