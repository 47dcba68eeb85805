import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
} from '../../src/renderer/src/db/schema';
import { newId } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

/** Every row of every table of a database, by table. */
async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** The secondary indexes IndexedDB itself holds for `table` (not what Dexie declares). */
function storedIndexes(db: Dexie, table: string): string[] {
  const idb = db.backendDB();
  const names = idb.transaction(table, 'readonly').objectStore(table).indexNames;
  return Array.from(names).sort();
}

describe('schema version 9', () => {
  it('drops the unread profile and phone indexes without losing a row', async () => {
    // The demo's customers and deals, written into a database as version 7 left it.
    const demo = freshDb();
    const demoData = createDemoDataService(demo);
    await demoData.seed(40, { chunkSize: 20 });
    await demoData.loadDemoDeals();
    const rows = await dump(demo);
    demo.close();
    await demo.delete();

    const name = `encore-v7-${newId()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    old.version(4).stores(SCHEMA_V4);
    old.version(5).stores(SCHEMA_V5);
    old.version(6).stores(SCHEMA_V6);
    old.version(7).stores(SCHEMA_V7);
    await old.open();
    for (const table of old.tables) await table.bulkAdd(rows[table.name] ?? []);
    expect(storedIndexes(old, 'customer_profiles')).toEqual([
      'deleted',
      'merged_into',
      'owner_id',
      'updated_at',
    ]);
    expect(storedIndexes(old, 'customer_phones')).toEqual(['customer_id', 'e164']);
    old.close();

    const db = new CrmDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBe(9);
      expect(storedIndexes(db, 'customer_profiles')).toEqual(['merged_into']);
      expect(storedIndexes(db, 'customer_phones')).toEqual(['customer_id']);
      // Every other table keeps its indexes.
      expect(storedIndexes(db, 'customer_emails')).toEqual(['address_normalized', 'customer_id']);
      const after = await dump(db);
      for (const [table, before] of Object.entries(rows))
        expect(after[table], table).toEqual(before);
      expect(after.customer_profiles).toHaveLength(40);
      expect(after.customer_phones!.length).toBeGreaterThan(0);

      // The write path still runs on the upgraded database: a new customer with an email
      // the demo holds is refused, one with its own address is written and listed.
      const customers = createCustomerService(db);
      const taken = (rows.customer_emails![0] as { address: string }).address;
      const refused = await customers.create(
        draft({ first_name: 'A', emails: [emailDraft(taken)] }),
        'US',
      );
      expect(refused.ok).toBe(false);
      const created = await customers.create(
        draft({
          first_name: 'Ana',
          emails: [emailDraft('ana@example.com', true)],
          phones: [phoneDraft('(415) 555-0134', true)],
        }),
        'US',
      );
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      expect(await db.customers_crm_v.get(created.value)).toMatchObject({
        primary_email: 'ana@example.com',
        primary_phone: '+14155550134',
      });
      expect(await db.customer_profiles.count()).toBe(41);
    } finally {
      db.close();
      await db.delete();
    }
  }, 60_000);
});
