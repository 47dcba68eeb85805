/**
 * A customer's origin (how it came into the CRM: typed in, imported, from another system):
 * recorded once on the profile, projected onto the list row for the reports' "new customers
 * by origin", and filled by schema version 11 for rows written before it.
 */
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
  SCHEMA_V9,
} from '../../src/renderer/src/db/schema';
import { newId } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
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

function profile(id: string, extra: Record<string, unknown> = {}) {
  const noConsent = { opted_in: false, source: null, changed_at: null };
  return {
    id,
    created_at: T0,
    updated_at: T0,
    deleted: 0,
    first_name: id,
    last_name: '',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: 'lead',
    owner_id: null,
    email_consent: noConsent,
    sms_consent: noConsent,
    ...extra,
  };
}

function point(id: string, customer: string, source: string, createdAt: string, deleted = 0) {
  return {
    id,
    customer_id: customer,
    source,
    created_at: createdAt,
    updated_at: createdAt,
    deleted,
  };
}

/** A list row as version 9 wrote it: no origin. */
function listRow(customer: string) {
  return { customer_id: customer, display_name: customer, sort_name: customer, lifecycle: 'lead' };
}

describe('schema version 11', () => {
  it("fills every list row's origin from its earliest contact point, and starts the reports' journal over", async () => {
    const name = `encore-v9-${newId()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    old.version(4).stores(SCHEMA_V4);
    old.version(5).stores(SCHEMA_V5);
    old.version(6).stores(SCHEMA_V6);
    old.version(7).stores(SCHEMA_V7);
    old.version(9).stores(SCHEMA_V9);
    await old.open();
    // imported: a deleted imported email is its earliest point, a manual one came later.
    // typed: a phone only. synced: a newer laptop's profile says sync. bare: no contact point.
    await old
      .table('customer_profiles')
      .bulkAdd([
        profile('imported'),
        profile('typed'),
        profile('synced', { created_via: 'sync' }),
        profile('bare'),
      ]);
    await old.table('customer_emails').bulkAdd([
      { ...point('e2', 'imported', 'manual', T1), address_normalized: 'a@x.io' },
      { ...point('e1', 'imported', 'import', T0, 1), address_normalized: 'old@x.io' },
      { ...point('e3', 'synced', 'manual', T0), address_normalized: 's@x.io' },
    ]);
    await old.table('customer_phones').bulkAdd([point('p1', 'typed', 'manual', T1)]);
    const rows = ['imported', 'typed', 'synced', 'bare'].map(listRow);
    await old.table('customers_crm_v').bulkAdd(rows);
    await old.table('reports_journal').bulkAdd([
      { seq: 0, table: '', keys: [], generation: 'g1', trimmed_through: 0 },
      { seq: 1, table: 'customers_crm_v', keys: ['typed'] },
    ]);
    const profilesBefore = await old.table('customer_profiles').toArray();
    old.close();

    const db = new CrmDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBe(11);
      const origins = Object.fromEntries(
        (await db.customers_crm_v.toArray()).map((row) => [row.customer_id, row.origin]),
      );
      expect(origins).toEqual({
        imported: 'import',
        typed: 'manual',
        synced: 'sync',
        bare: 'unknown',
      });
      // Nothing else about the rows changed; the profiles are untouched.
      for (const row of await db.customers_crm_v.toArray()) {
        const { origin: _origin, ...rest } = row;
        expect(rest).toEqual(rows.find((r) => r.customer_id === row.customer_id));
      }
      expect(await db.customer_profiles.toArray()).toEqual(profilesBefore);
      // The reports' snapshot held rows without origin: no journal, so the reports rebuild.
      expect(await db.reports_journal.count()).toBe(0);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
