/**
 * Benchmarks only (`encoreDev.fastSeed`): seeds demo customers without the write path, so that
 * bench:search can hold 1,048,576 customers in minutes rather than hours. It writes what the
 * write path would leave for the same customers: the demo seed's records
 * (demoCustomerRecords), their list rows built by the real projection (projectCustomerRow),
 * and one search_journal entry per chunk (as the projection writes), all in one transaction per chunk, through a plain
 * Dexie connection (no guard, no projection middleware, no outbox: these customers are never
 * pushed by sync). Whatever it skips is the write path's cost, measured on a slice by
 * `encoreDev.crm.demo.seed`.
 */
import Dexie from 'dexie';
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

export async function fastSeed(
  db: CrmDatabase,
  count: number,
  options: { chunkSize?: number; seed?: number } = {},
): Promise<{ buildMs: number; writeMs: number }> {
  const chunkSize = options.chunkSize ?? 10_000;
  // The team (and nothing else) through the write path, as the demo seed makes it.
  await createDemoDataService(db).seed(0);
  const teamIds = (await db.team_members.toArray())
    .filter((member) => member.deleted === 0)
    .map((member) => member.id);
  await journalMeta(db);
  const offset = await db.customer_profiles.count();
  // Opened without a version: Dexie takes the schema the app's database already has.
  const plain = new Dexie(db.name);
  await plain.open();
  const spent = { buildMs: 0, writeMs: 0 };
  const tables = [
    'customer_profiles',
    'customer_emails',
    'customer_phones',
    'customer_engagement_metrics',
    'customers_crm_v',
    'search_journal',
  ];
  const write = (records: DemoCustomerRecords, rows: CustomerListRow[]) =>
    plain.transaction('rw', tables, () =>
      Promise.all([
        plain.table('customer_emails').bulkAdd(records.emails),
        plain.table('customer_phones').bulkAdd(records.phones),
        plain.table('customer_engagement_metrics').bulkAdd(records.touches),
        plain.table('customer_profiles').bulkAdd(records.profiles),
        plain.table('customers_crm_v').bulkAdd(rows),
        plain.table('search_journal').add({ customer_ids: rows.map((row) => row.customer_id) }),
      ]),
    );
  // The next chunk is made while the database writes the last one.
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for (let start = 0; start < count; start += chunkSize) {
      const built = performance.now();
      const records = demoCustomerRecords({
        first: offset + start,
        count: Math.min(count, start + chunkSize) - start,
        teamIds,
        seed: options.seed ?? 1,
      });
      const rows = projectDemoRows(records);
      const waited = performance.now();
      spent.buildMs += waited - built;
      await writing;
      spent.writeMs += performance.now() - waited;
      writing = write(records, rows);
    }
    const waited = performance.now();
    await writing;
    spent.writeMs += performance.now() - waited;
  } finally {
    plain.close();
  }
  return spent;
}
