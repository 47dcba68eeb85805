// The duplicates scan reads each table in chunks sized by time (the search rebuild's pacing
// module, rebuild-pace.ts), each chunk its own read transaction: the rows are the same as one
// whole read, in the same order, whatever the chunk edges; the detector's pairs, counts and
// bulk plan are the same as a scan in one go; no chunk grows past its bound; and a write made
// during the scan waits for the chunk in progress at most, never for the whole scan.
import Dexie from 'dexie';
import type { DBCore, DBCoreQueryRequest } from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { candidateDocOf } from '../../src/renderer/src/domain/duplicates/candidate-doc';
import { DuplicateIndex } from '../../src/renderer/src/domain/duplicates/duplicate-index';
import { planBulkMerge } from '../../src/renderer/src/domain/duplicates/bulk-merge';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  DuplicateDismissal,
} from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { RebuildChunks } from '../../src/renderer/src/services/crm/customers/search/rebuild-pace';
import {
  WritePacer,
  fixedChunks,
} from '../../src/renderer/src/services/crm/customers/search/rebuild-pace';
import type { ScanChunkEvent } from '../../src/renderer/src/services/crm/duplicates/detector';
import {
  DuplicateDetector,
  SCAN_CHUNKS,
  readInChunks,
} from '../../src/renderer/src/services/crm/duplicates/detector';
import { dismissalId } from '../../src/renderer/src/services/crm/duplicates/dismissals';
import {
  createDuplicatesWorkerApi,
  writesTo,
} from '../../src/renderer/src/workers/duplicates-worker-api';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

type Row = { id: string; n: number };

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** A plain Dexie on a database seeded with `count` rows, counting the reads it sends. */
async function seeded(count: number) {
  const db = freshDb();
  await db.open();
  const rows: Row[] = Array.from({ length: count }, (_, n) => ({
    id: `c${String((n * 7) % count).padStart(3, '0')}`,
    n,
  }));
  db.close();
  // Seeded without the app's middlewares (these rows are not whole customers).
  const seeder = new Dexie(db.name);
  await seeder.open();
  await seeder.table('customer_profiles').bulkPut(rows);
  seeder.close();
  const reads: DBCoreQueryRequest[] = [];
  const reader = new Dexie(db.name);
  reader.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          query: (request) => {
            reads.push(request);
            return table.query(request);
          },
        };
      },
    }),
  });
  await reader.open();
  opened.push(reader);
  return { table: reader.table<Row, string>('customer_profiles'), reads };
}

describe('readInChunks', () => {
  it('returns every row in key order, one request of at most the fixed size per chunk', async () => {
    const { table, reads } = await seeded(12);
    const whole = await table.toArray();
    reads.length = 0;
    const chunked = await readInChunks(table, { chunks: fixedChunks(5) });
    expect(chunked).toEqual(whole);
    expect(reads.map((read) => read.limit)).toEqual([5, 5, 5]);
  });

  it('stops cleanly when the last chunk is exactly full', async () => {
    const { table, reads } = await seeded(10);
    const whole = await table.toArray();
    reads.length = 0;
    const chunked = await readInChunks(table, { chunks: fixedChunks(5) });
    expect(chunked.map((row) => row.id)).toEqual(whole.map((row) => row.id));
    expect(chunked).toHaveLength(10);
    expect(reads).toHaveLength(3);
  });

  it('reads an empty table in one request', async () => {
    const { table, reads } = await seeded(0);
    expect(await readInChunks(table, { chunks: fixedChunks(5) })).toEqual([]);
    expect(reads).toHaveLength(1);
  });

  it('sizes chunks by time: doubles while quick up to its bound, shrinks to its least when slow', async () => {
    const { table, reads } = await seeded(703);
    const whole = await table.toArray();
    // Quick reads (a clock that never moves): 50, then doubled up to the bound of 120.
    reads.length = 0;
    const quick: RebuildChunks = { targetMs: 50, least: 10, most: 120, first: 50 };
    expect(await readInChunks(table, { chunks: quick, now: () => 0 })).toEqual(whole);
    const limits = reads.map((read) => read.limit);
    expect(limits.slice(0, 4)).toEqual([50, 100, 120, 120]);
    for (const limit of limits) expect(limit).toBeLessThanOrEqual(120);
    // Slow reads (each read takes 1,000 ms on this clock): the least after the first.
    reads.length = 0;
    let t = 0;
    const slow = await readInChunks(table, { chunks: quick, now: () => (t += 500) });
    expect(slow).toEqual(whole);
    expect(reads[0]!.limit).toBe(50);
    for (const read of reads.slice(1)) expect(read.limit).toBe(10);
  });

  it('the app bounds a chunk at the search rebuild’s 2,000 rows (not the old 5,000-row pages)', () => {
    expect(SCAN_CHUNKS.most).toBeLessThanOrEqual(2_000);
    expect(SCAN_CHUNKS.targetMs).toBeGreaterThan(0);
  });
});

// A small pool of names, addresses and numbers, so random customers share them often.
const FIRST = ['Ana', 'Zoë', 'Zoe', 'Liam', 'Ana-Maria'];
const LAST = ['Andersson', "O'Brien", 'OBrien', 'Ng'];
const DOB = [null, '1990-01-02', '1990-02-01'];

type Customer = {
  first: number;
  last: number;
  dob: number;
  deleted: boolean;
  emails: { at: number; deleted: boolean }[];
  phones: { at: number; deleted: boolean }[];
};

const customerArb: fc.Arbitrary<Customer> = fc.record({
  first: fc.nat(FIRST.length - 1),
  last: fc.nat(LAST.length - 1),
  dob: fc.nat(DOB.length - 1),
  deleted: fc.boolean(),
  emails: fc.array(fc.record({ at: fc.nat(5), deleted: fc.boolean() }), { maxLength: 2 }),
  phones: fc.array(fc.record({ at: fc.nat(5), deleted: fc.boolean() }), { maxLength: 2 }),
});

/** Writes the customers as raw rows (a plain Dexie, no middlewares); returns the database name. */
async function seedCustomers(customers: Customer[], dismissEvery: number): Promise<string> {
  const app = freshDb();
  await app.open();
  app.close();
  const seeder = new Dexie(app.name);
  await seeder.open();
  const at = '2026-01-01T00:00:00.000Z';
  const profiles: Partial<CustomerProfile>[] = [];
  const emails: Partial<CustomerEmail>[] = [];
  const phones: Partial<CustomerPhone>[] = [];
  const dismissals: Partial<DuplicateDismissal>[] = [];
  customers.forEach((c, n) => {
    // Ids not in insertion order, so key order and chunk edges differ from the seed's order.
    const id = `cust-${String((n * 37) % 1009).padStart(4, '0')}-${n}`;
    profiles.push({
      id,
      first_name: FIRST[c.first]!,
      last_name: LAST[c.last]!,
      date_of_birth: DOB[c.dob] as CustomerProfile['date_of_birth'],
      updated_at: at,
      deleted: c.deleted ? 1 : 0,
    });
    c.emails.forEach((e, k) =>
      emails.push({
        id: `${id}-e${k}`,
        customer_id: id,
        address_normalized: `person${e.at}@example.com`,
        deleted: e.deleted ? 1 : 0,
      }),
    );
    c.phones.forEach((p, k) =>
      phones.push({
        id: `${id}-p${k}`,
        customer_id: id,
        e164: `+4670000000${p.at}`,
        deleted: p.deleted ? 1 : 0,
      }),
    );
    if (dismissEvery > 0 && n % dismissEvery === 1) {
      const other = profiles[n - 1]!.id!;
      const [a, b] = [id, other].sort() as [string, string];
      dismissals.push({ id: dismissalId(a, b), customer_a: a, customer_b: b, deleted: 0 });
    }
  });
  await seeder.table('customer_profiles').bulkPut(profiles);
  await seeder.table('customer_emails').bulkPut(emails);
  await seeder.table('customer_phones').bulkPut(phones);
  await seeder.table('duplicate_dismissals').bulkPut(dismissals);
  seeder.close();
  return app.name;
}

/** The scan in one go: every table read whole (toArray), the index built from it. */
async function scanInOneGo(reader: Dexie) {
  const [profiles, emails, phones, dismissals] = await Promise.all([
    reader.table<CustomerProfile, string>('customer_profiles').toArray(),
    reader.table<CustomerEmail, string>('customer_emails').toArray(),
    reader.table<CustomerPhone, string>('customer_phones').toArray(),
    reader.table<DuplicateDismissal, string>('duplicate_dismissals').toArray(),
  ]);
  const live = profiles.filter((p) => p.deleted === 0);
  const index = DuplicateIndex.build(
    live.map((p) =>
      candidateDocOf(
        p,
        emails.filter((e) => e.customer_id === p.id),
        phones.filter((f) => f.customer_id === p.id),
      ),
    ),
    {
      dismissed: dismissals
        .filter((d) => d.deleted === 0)
        .map((d) => [d.customer_a, d.customer_b] as [string, string]),
    },
  );
  const dob = new Map(live.map((p) => [p.id, p.date_of_birth]));
  return {
    size: index.size,
    pairs: index.pairs({}),
    counts: index.counts(),
    bulk: planBulkMerge(index.pairs({ minConfidence: 'high' }), (id) => dob.get(id)),
  };
}

describe('the scan in chunks finds what a scan in one go finds', () => {
  it('the same customers, pairs, counts and bulk plan, whatever the chunk edges', async () => {
    const chunksArb = fc.record({
      targetMs: fc.constantFrom(1e-9, 50, 1e9),
      least: fc.integer({ min: 1, max: 4 }),
      most: fc.integer({ min: 1, max: 9 }),
      first: fc.integer({ min: 1, max: 9 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 0, maxLength: 40 }),
        chunksArb,
        fc.nat(4),
        async (customers, chunks, dismissEvery) => {
          const name = await seedCustomers(customers, dismissEvery);
          const reader = new Dexie(name);
          await reader.open();
          opened.push(reader);
          const events: ScanChunkEvent[] = [];
          let t = 0;
          const detector = new DuplicateDetector(reader, {
            chunks,
            now: () => (t += 3),
            onChunk: (event) => events.push(event),
          });
          const { customers: size } = await detector.build();
          const whole = await scanInOneGo(reader);
          expect(size).toBe(whole.size);
          expect(detector.pairs()).toEqual(whole.pairs);
          expect(detector.counts()).toEqual(whole.counts);
          expect(detector.bulkPlan()).toEqual(whole.bulk);
          // Each row read once (a row read again at an edge would count twice).
          const rows = (table: string) =>
            events.filter((e) => e.table === table).reduce((sum, e) => sum + e.rows, 0);
          expect(rows('customer_profiles')).toBe(customers.length);
          expect(rows('customer_emails')).toBe(customers.flatMap((c) => c.emails).length);
          for (const e of events) expect(e.rows).toBeLessThanOrEqual(Math.max(chunks.most, 1));
          expect(detector.lastScan()).toMatchObject({ chunks: events.length });
          reader.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('writes during the scan', () => {
  it('a write made during the scan waits for one chunk at most, and the refresh has it', async () => {
    const db = freshDb();
    opened.push(db);
    const customers = createCustomerService(db);
    const ids: string[] = [];
    for (let n = 0; n < 60; n += 1) {
      const made = await customers.create(
        draft({
          first_name: `Person${n}`,
          last_name: 'Scan',
          emails: [emailDraft(`p${n}@x.se`)],
          phones: n === 1 ? [phoneDraft('+46 70 111 22 33')] : [],
        }),
        'SE',
      );
      if (!made.ok) throw new Error(JSON.stringify(made));
      ids.push(made.value);
    }
    const reader = new Dexie(db.name);
    await reader.open();
    opened.push(reader);
    const log: string[] = [];
    let write: Promise<void> | null = null;
    const detector = new DuplicateDetector(reader, {
      // Fixed 5-row chunks: 12 of profiles, then emails and phones.
      chunks: fixedChunks(5),
      onChunk: (event) => log.push(`end ${event.table}`),
      // The write is issued while the first chunk's read transaction is in progress.
      onChunkStart: () => {
        if (!write)
          write = Promise.resolve()
            .then(() => log.push('write issued'))
            .then(() =>
              customers.create(
                draft({
                  first_name: 'Person1',
                  last_name: 'Scan',
                  emails: [emailDraft('p1.scan@y.se')],
                  phones: [phoneDraft('+46 70 111 22 33')],
                }),
                'SE',
              ),
            )
            .then((made) => {
              if (!made.ok) throw new Error(JSON.stringify(made));
              ids.push(made.value);
              log.push('write committed');
            });
      },
    });
    await detector.build();
    await write;
    const issued = log.indexOf('write issued');
    const committed = log.indexOf('write committed');
    expect(committed).toBeGreaterThan(issued);
    // At most the chunk it came during ended before it committed: never the whole table (12
    // chunks of profiles alone; the old 5,000-row pages read the 60 in one).
    expect(
      log.slice(issued, committed).filter((e) => e.startsWith('end ')).length,
    ).toBeLessThanOrEqual(1);
    expect(
      log.slice(committed).filter((e) => e === 'end customer_profiles').length,
    ).toBeGreaterThan(5);
    // The client's journal sends it after the build: the refresh has the new customer's pair.
    await detector.refresh([ids.at(-1)!]);
    expect(detector.pairsFor(ids.at(-1)!).length).toBeGreaterThan(0);
  }, 60_000);

  it('the worker paces its scan by the writes to its database (storagemutated)', async () => {
    expect(writesTo({ 'idb://crm-a/customer_profiles/': {} }, 'crm-a')).toBe(true);
    expect(writesTo({ 'idb://crm-ab/customer_profiles/': {} }, 'crm-a')).toBe(false);
    expect(writesTo({ 'idb://other/customer_profiles/': {} }, 'crm-a')).toBe(false);
    // The default pacing (no `pacing` given): a WritePacer told by Dexie's storagemutated event.
    const db = freshDb();
    opened.push(db);
    const customers = createCustomerService(db);
    for (let n = 0; n < 5; n += 1)
      await customers.create(
        draft({ first_name: `P${n}`, emails: [emailDraft(`q${n}@x.se`)] }),
        'SE',
      );
    const original = WritePacer.prototype.noteWrite;
    let pacerNoted = 0;
    WritePacer.prototype.noteWrite = function (this: WritePacer) {
      pacerNoted += 1;
      original.call(this);
    };
    try {
      const api = createDuplicatesWorkerApi();
      const { customers: size } = await api.start(db.name);
      expect(size).toBe(5);
      expect(pacerNoted).toBe(0);
      await customers.create(
        draft({ first_name: 'Late', emails: [emailDraft('late@x.se')] }),
        'SE',
      );
      expect(pacerNoted).toBeGreaterThan(0);
      // A write to another database is not this scan's business.
      const other = freshDb();
      opened.push(other);
      const before = pacerNoted;
      await createCustomerService(other).create(draft({ first_name: 'Elsewhere' }), 'SE');
      expect(pacerNoted).toBe(before);
    } finally {
      WritePacer.prototype.noteWrite = original;
    }
  }, 60_000);
});
