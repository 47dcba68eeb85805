/**
 * A customer's origin (how it came into the CRM: typed in, imported, from another system):
 * recorded once on the profile, projected onto the list row for the reports' "new customers
 * by origin", and filled in the background for rows written before it.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { fillMissingOrigins } from '../../src/renderer/src/services/crm/customers/origin-backfill';
import { draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

describe('origin of a new customer', () => {
  it('the form records manual, the import records import; both reach the list row', async () => {
    const db = freshDb();
    try {
      const created = await createCustomerService(db).create(
        draft({ first_name: 'Ana', emails: [emailDraft('ana@example.com', true)] }),
        'US',
      );
      if (!created.ok) throw new Error('not created');
      expect((await db.customer_profiles.get(created.value))?.created_via).toBe('manual');
      expect((await db.customers_crm_v.get(created.value))?.origin).toBe('manual');

      const csv = 'Email,First Name\nbo@example.com,Bo\n';
      const { session } = await detectedImport(db, csv, 'people.csv');
      await session.analyse();
      await session.commit({ fileName: 'people.csv', chunkSize: 2 });
      const email = await db.customer_emails
        .where('address_normalized')
        .equals('bo@example.com')
        .first();
      expect((await db.customer_profiles.get(email!.customer_id))?.created_via).toBe('import');
      expect((await db.customers_crm_v.get(email!.customer_id))?.origin).toBe('import');
    } finally {
      db.close();
      await db.delete();
    }
  });
});

const T0 = '2026-01-01T10:00:00.000Z';
const T1 = '2026-02-01T10:00:00.000Z';

describe('the background fill of older list rows', () => {
  it("gives each row without an origin its earliest contact point's source, in chunks, once", async () => {
    const db = freshDb();
    try {
      const customers = createCustomerService(db);
      const ids: Record<string, string> = {};
      for (const [name, address] of [
        ['imported', 'a@x.io'],
        ['typed', 'b@x.io'],
        ['synced', 's@x.io'],
        ['bare', null],
      ] as const) {
        const created = await customers.create(
          draft({ first_name: name, emails: address ? [emailDraft(address, true)] : [] }),
          'US',
        );
        if (!created.ok) throw new Error(name);
        ids[name] = created.value;
      }
      // As written before profiles recorded created_via and rows carried an origin: imported's
      // earliest point is a deleted imported email; synced's profile came from a newer laptop.
      await db.customer_profiles.toCollection().modify((profile) => {
        delete profile.created_via;
        if (profile.id === ids.synced) profile.created_via = 'sync';
      });
      await db.customer_emails.add({
        id: newId(),
        customer_id: ids.imported!,
        address: 'old@x.io',
        address_normalized: 'old@x.io',
        label: '',
        source: 'import',
        is_primary: 0,
        created_at: T0,
        updated_at: T1,
        deleted: 1,
      });
      await db.customers_crm_v.toCollection().modify((row) => {
        delete row.origin;
      });
      const before = await db.customers_crm_v.toArray();
      expect(before.every((row) => row.origin === undefined)).toBe(true);

      let pauses = 0;
      const filled = await fillMissingOrigins(db, {
        chunk: 3,
        pause: async () => void (pauses += 1),
      });
      expect(filled).toBe(4);
      expect(pauses).toBe(1);
      const origins = Object.fromEntries(
        (await db.customers_crm_v.toArray()).map((row) => [row.customer_id, row.origin]),
      );
      expect(origins).toEqual({
        [ids.imported!]: 'import',
        [ids.typed!]: 'manual',
        [ids.synced!]: 'sync',
        [ids.bare!]: 'unknown',
      });
      // Nothing else about the rows changed.
      for (const row of await db.customers_crm_v.toArray()) {
        const { origin: _origin, ...rest } = row;
        expect(rest).toEqual(before.find((b) => b.customer_id === row.customer_id));
      }
      // Done once: a later start reads nothing, and a row a write projects has its origin.
      await db.customers_crm_v.update(ids.typed!, { origin: undefined });
      expect(await fillMissingOrigins(db)).toBe(0);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
