// projectOnce's `newCustomersComplete`: the rows of customers created in the body are built
// from the children the body added, without reading them back, and are exactly the rows a
// full read would give; customers whose children are put or deleted in the body, and ids the
// caller does not vouch for, are read as before.
import type { DBCore, Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { projectOnce } from '../../src/renderer/src/db/projection-middleware';
import { projectCustomerRow } from '../../src/renderer/src/domain/customer-projection';
import { newId } from '../../src/renderer/src/domain/ids';
import type { ImportJobChunk } from '../../src/renderer/src/domain/records';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { demoCustomerRecords } from '../../src/renderer/src/services/crm/demo/demo-customer-records';
import { freshDb } from './helpers';
import { detectedImport } from './import-helpers';

const CHILDREN = ['customer_emails', 'customer_phones', 'customer_engagement_metrics', 'crm_tasks'];

/** Counts reads of children by customer below the projection (level 1.2). */
function countChildReads(db: CrmDatabase) {
  const seen = { reads: 0, ranges: [] as { lower: unknown; upper: unknown }[] };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-count-child-reads',
    level: 1.15,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (!CHILDREN.includes(name)) return table;
        return {
          ...table,
          query: (req) => {
            if (req.query.index.keyPath === 'customer_id') {
              seen.reads += 1;
              seen.ranges.push({ lower: req.query.range.lower, upper: req.query.range.upper });
            }
            return table.query(req);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return seen;
}

/** Every list row as a plain read of the profile and its children would build it. */
async function referenceRows(db: CrmDatabase) {
  const rows = [];
  for (const profile of await db.customer_profiles.toArray()) {
    const of = (table: string) => db.table(table).where('customer_id').equals(profile.id).toArray();
    rows.push(
      projectCustomerRow({
        profile,
        emails: await of('customer_emails'),
        phones: await of('customer_phones'),
        touchpoints: await of('customer_engagement_metrics'),
        tasks: await of('crm_tasks'),
      }),
    );
  }
  return rows.sort((a, b) => String(a?.customer_id).localeCompare(String(b?.customer_id)));
}

async function listRows(db: CrmDatabase) {
  return (await db.customers_crm_v.toArray()).sort((a, b) =>
    a.customer_id.localeCompare(b.customer_id),
  );
}

describe('projectOnce with newCustomersComplete', () => {
  it('the demo seed builds its rows without reading children back, and they are exact', async () => {
    const db = freshDb();
    const seen = countChildReads(db);
    await createDemoDataService(db).seed(40, { chunkSize: 20 });
    expect(seen.reads).toBe(0);
    expect(await db.customers_crm_v.count()).toBe(40);
    expect(await listRows(db)).toEqual(await referenceRows(db));
  });

  it('reads back the children of a new customer whose child the body also put', async () => {
    const db = freshDb();
    const { profiles, emails, phones, touches } = demoCustomerRecords({
      first: 0,
      count: 3,
      teamIds: [],
      seed: 7,
      currency: null,
    });
    const edited = emails.find((email) => email.customer_id === profiles[0]!.id)!;
    await db.transaction(
      'rw',
      [
        db.customer_profiles,
        db.customer_emails,
        db.customer_phones,
        db.customer_engagement_metrics,
      ],
      () =>
        projectOnce(
          async () => {
            await db.customer_emails.bulkAdd(emails);
            await db.customer_phones.bulkAdd(phones);
            await db.customer_engagement_metrics.bulkAdd(touches);
            // Relabelled after its add: only a read gives the row the new label's email.
            await db.customer_emails.put({
              ...edited,
              address: 'renamed@example.com',
              address_normalized: 'renamed@example.com',
            });
            await db.customer_profiles.bulkAdd(profiles);
            // Changed after the write: the row is built from what was written.
            for (const phone of phones) phone.e164 = '+15550000000';
          },
          { newCustomersComplete: true },
        ),
    );
    const rows = await listRows(db);
    expect(rows).toEqual(await referenceRows(db));
    expect(rows.find((row) => row.customer_id === profiles[0]!.id)?.all_emails).toContain(
      'renamed@example.com',
    );
  });

  it('reads the children of customers the caller does not vouch for (a restored id)', async () => {
    const db = freshDb();
    const seen = countChildReads(db);
    const { profiles, emails, phones, touches } = demoCustomerRecords({
      first: 0,
      count: 2,
      teamIds: [],
      seed: 3,
      currency: null,
    });
    const restored = profiles[1]!.id;
    // A sync pull brought this customer's email earlier, before its profile.
    await db.customer_emails.add({
      ...emails.find((email) => email.customer_id === restored)!,
      id: newId(),
      address: 'earlier@example.com',
      address_normalized: 'earlier@example.com',
      is_primary: 0,
    });
    seen.reads = 0;
    await db.transaction(
      'rw',
      [
        db.customer_profiles,
        db.customer_emails,
        db.customer_phones,
        db.customer_engagement_metrics,
      ],
      () =>
        projectOnce(
          async () => {
            await db.customer_emails.bulkAdd(emails);
            await db.customer_phones.bulkAdd(phones);
            await db.customer_engagement_metrics.bulkAdd(touches);
            await db.customer_profiles.bulkAdd(profiles);
          },
          { newCustomersComplete: (id) => id !== restored },
        ),
    );
    expect(seen.reads).toBeGreaterThan(0);
    expect(await listRows(db)).toEqual(await referenceRows(db));
    const row = await db.customers_crm_v.get(restored);
    expect(row?.all_emails).toContain('earlier@example.com');
  });

  it("an import builds its new customers' rows from what it adds, its updates' by reading", async () => {
    const db = freshDb();
    const seen = countChildReads(db);
    await createDemoDataService(db).seed(4, { chunkSize: 4 });
    const existing = (await db.customer_emails.toArray())[0]!.address;
    const rows = [
      `${existing},Updated,Fan,+1 415 555 0100`,
      ...Array.from({ length: 6 }, (_, i) => `new${i}@x.io,New${i},Fan,+1 415 555 01${10 + i}`),
    ];
    const file = `Email,First Name,Last Name,Phone Number\n${rows.join('\n')}\n`;
    const { session } = await detectedImport(db, file, 'fans.csv');
    await session.analyse();
    seen.reads = 0;
    seen.ranges.length = 0;
    const result = await session.commit({ fileName: 'fans.csv', chunkSize: 100 });
    expect(result.job.counts).toMatchObject({ created: 6, written_updates: 1 });
    // The update's phones (readFacts) and its row's children are read; no read reaches the
    // six new customers' children.
    expect(seen.reads).toBeGreaterThan(0);
    const created = (await db.table<ImportJobChunk, string>('import_job_chunks').toArray()).flatMap(
      (c) => c.undo?.created ?? [],
    );
    expect(created).toHaveLength(6);
    const covers = (id: string) =>
      seen.ranges.some(({ lower, upper }) => String(lower) <= id && id <= String(upper));
    expect(created.filter(covers)).toEqual([]);
    expect(await listRows(db)).toEqual(await referenceRows(db));
  });
});
