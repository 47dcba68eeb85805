/**
 * Issue 15's cuts of the import's reads: addresses are looked up once per distinct address
 * (per read batch, then per chunk), the guard reuses the chunk's own lookups instead of asking
 * again, and neither lets an address be doubled, by rows of one chunk, by the database, or by
 * a writer that comes between the plan and the chunk or inside the chunk's transaction.
 */
import Dexie, { type DBCore, type Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DuplicateEmailError } from '../../src/renderer/src/db/guard-middleware';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import type { CustomerEmail, CustomerProfile } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { byIndex } from '../../src/renderer/src/services/crm/import/import-lookup';
import { NOT_WRITTEN } from '../../src/renderer/src/services/crm/import/import-writer';
import { draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

/**
 * Counts what reaches the tables below the guard (level 1.3) and above the projection: the
 * address lookups of customer_emails, and the reads of customer_profiles.
 */
function counting(db: CrmDatabase) {
  const seen = { addressQueries: [] as string[], profileReads: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-count-reads',
    level: 1.25,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name === 'customer_emails')
          return {
            ...table,
            query: (req) => {
              if (req.query.index.keyPath === 'address_normalized')
                seen.addressQueries.push(String(req.query.range.lower));
              return table.query(req);
            },
          };
        if (name === 'customer_profiles')
          return {
            ...table,
            get: (req) => ((seen.profileReads += 1), table.get(req)),
            getMany: (req) => ((seen.profileReads += 1), table.getMany(req)),
          };
        return table;
      },
    }),
  };
  db.use(middleware);
  return seen;
}

function profileOf(id: string, now: string): CustomerProfile {
  const consent = { opted_in: false, source: '', changed_at: null };
  return {
    ...{ id, created_at: now, updated_at: now, deleted: 0, first_name: 'Z', last_name: '' },
    ...{ date_of_birth: null, notes: '', tags: [], lifecycle: 'lead', owner_id: null },
    email_consent: consent,
    sms_consent: consent,
  };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const liveEmails = async (db: CrmDatabase, address: string) =>
  (await db.customer_emails.where('address_normalized').equals(address).toArray()).filter(
    (email) => email.deleted === 0,
  );

describe('the import looks each address up once and doubles none', () => {
  it('an address twice in one chunk and once in the database: one customer, one email', async () => {
    const db = freshDb();
    const seen = counting(db);
    const made = await createCustomerService(db).create(
      draft({ first_name: 'Ana', emails: [emailDraft('ana@x.io', true)] }),
      'US',
    );
    if (!made.ok) throw new Error('setup failed');
    const file = utf8(
      'Email,First Name,Last Name\nana@x.io,Ana,García\nbo@x.io,Bo,\n ANA@X.IO ,Anna,García\n',
    );
    const { session } = await detectedImport(db, file, 'ana.csv');
    seen.addressQueries.length = 0;
    const { plan } = await session.analyse();
    expect(plan).toMatchObject({ new: 1, updated: 1, duplicates_in_file: 1 });
    // Reading: each distinct address once (ana twice in the file is still one lookup).
    expect([...seen.addressQueries].sort()).toEqual(['ana@x.io', 'bo@x.io']);
    seen.addressQueries.length = 0;
    const result = await session.commit({ fileName: 'ana.csv' });
    expect(result.status).toBe('finished');
    // Writing: the chunk's recheck of the address it gives out (bo), and no second lookup by
    // the guard of what the chunk just checked.
    expect(seen.addressQueries).toEqual(['bo@x.io']);
    expect(await liveEmails(db, 'ana@x.io')).toHaveLength(1);
    expect(await liveEmails(db, 'bo@x.io')).toHaveLength(1);
    expect((await db.customer_profiles.toArray()).map((p) => p.first_name).sort()).toEqual([
      'Ana',
      'Bo',
    ]);
  });

  it('an address given to someone between the plan and the write is not doubled', async () => {
    const db = freshDb();
    const file = utf8('Email,First Name\nbo@x.io,Bo\ncy@x.io,Cy\n');
    const { session } = await detectedImport(db, file, 'bo.csv');
    await session.analyse();
    const meanwhile = await createCustomerService(db).create(
      draft({ first_name: 'Other Bo', emails: [emailDraft('BO@x.io', true)] }),
      'US',
    );
    if (!meanwhile.ok) throw new Error('setup failed');
    const result = await session.commit({ fileName: 'bo.csv' });
    expect(result.job.counts).toMatchObject({ created: 1, conflicts: 1 });
    const report = await createImportService(db).errorReport(result.job.id);
    expect(report).toContain(NOT_WRITTEN.emailTaken);
    const bo = await liveEmails(db, 'bo@x.io');
    expect(bo).toHaveLength(1);
    expect(bo[0]?.customer_id).toBe(meanwhile.value);
    expect(await liveEmails(db, 'cy@x.io')).toHaveLength(1);
  });

  it('the guard, reusing a lookup of its own transaction, still refuses an address added since', async () => {
    const db = freshDb();
    const now = nowIso();
    const email = (customerId: string): CustomerEmail => ({
      id: newId(),
      created_at: now,
      updated_at: now,
      deleted: 0,
      customer_id: customerId,
      address: 'zed@x.io',
      address_normalized: 'zed@x.io',
      label: '',
      source: 'import',
      is_primary: 1,
    });
    const [first, second] = [newId(), newId()];
    await db.customer_profiles.bulkAdd([first, second].map((id) => profileOf(id, now)));
    const attempt = db.transaction('rw', [db.customer_emails, db.customer_profiles], async () => {
      // Looked up (nobody has it), as the import's chunk does before writing...
      expect(await byIndex(db.customer_emails, 'address_normalized', ['zed@x.io'])).toEqual([]);
      // ...then given out by another write in the same transaction: the remembered lookup
      // follows the add, so the next owner is refused.
      await db.customer_emails.add(email(first));
      await db.customer_emails.add(email(second));
    });
    await expect(attempt).rejects.toBeInstanceOf(DuplicateEmailError);
    expect(await db.customer_emails.count()).toBe(0);
    expect(Dexie.currentTransaction).toBeNull();
  });
});

describe('the demo seed projects each chunk once', () => {
  it('writes a list row per customer without reading back the profiles it wrote', async () => {
    const db = freshDb();
    await db.open();
    const seen = counting(db);
    await createDemoDataService(db).seed(120, { chunkSize: 60 });
    expect(await db.customers_crm_v.count()).toBe(120);
    // ensureTeam and the offset count are not profile reads of the write path.
    expect(seen.profileReads).toBe(0);
  });
});
