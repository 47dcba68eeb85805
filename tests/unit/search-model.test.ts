/**
 * The search index against the database it is kept from: after random sequences of creates,
 * edits, deletes and restores, imports and their undo, sync pulls, snapshot saves and
 * restarts (all through the real services, middlewares and journal), every random query gives
 * exactly the reference matcher's answer over the list rows: same ids, order and counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src/shared/sync/hlc';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import type { Lifecycle } from '../../src/renderer/src/domain/records';
import type { SearchQuery } from '../../src/renderer/src/domain/search/search-types';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { searchDocOf } from '../../src/renderer/src/services/crm/customers/search/search-docs';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { applyPage } from '../../src/renderer/src/sync/apply';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';
import { detectedImport } from './import-helpers';
import { referenceQuery } from './search-reference';

const FIRST = ['Sofía', 'Sofia', 'Jonas', 'Jonathan', 'Zoë', 'Léa', 'Mikko'];
const LAST = ['García', 'Garcia', 'Müller', 'Okafor', 'Lindqvist', 'Lindqvust'];
const NOTES = ['', 'harbour gig', 'lighthouse show', 'met in Bergen'];
const TAGS = ['vip', 'early bird', 'press'];
const PHONES = ['+49 151 23456789', '+44 20 7946 0018', '+1 415 555 0134', '+358 40 1234567'];
const LIFECYCLES: Lifecycle[] = ['lead', 'customer'];

type Op =
  | { kind: 'create'; first: number; last: number; phone: number; notes: number; tag: number }
  | { kind: 'edit'; target: number; last: number; notes: number }
  | { kind: 'remove' | 'restore' | 'hard-delete'; target: number }
  | { kind: 'phone'; target: number; phone: number }
  | { kind: 'import'; names: number[] }
  | { kind: 'undo-import' }
  | { kind: 'pull'; first: number; last: number }
  | { kind: 'restart' };

const pick = (n: number) => fc.nat({ max: n - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    first: pick(FIRST.length),
    last: pick(LAST.length),
    phone: pick(PHONES.length + 1),
    notes: pick(NOTES.length),
    tag: pick(TAGS.length + 1),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    target: fc.nat(),
    last: pick(LAST.length),
    notes: pick(NOTES.length),
  }),
  fc.record({
    kind: fc.constantFrom('remove' as const, 'restore' as const, 'hard-delete' as const),
    target: fc.nat(),
  }),
  fc.record({ kind: fc.constant('phone' as const), target: fc.nat(), phone: pick(PHONES.length) }),
  fc.record({
    kind: fc.constant('import' as const),
    names: fc.array(pick(FIRST.length), { minLength: 1, maxLength: 3 }),
  }),
  fc.constant({ kind: 'undo-import' as const }),
  fc.record({
    kind: fc.constant('pull' as const),
    first: pick(FIRST.length),
    last: pick(LAST.length),
  }),
  fc.constant({ kind: 'restart' as const }),
);

const queryArb: fc.Arbitrary<SearchQuery> = fc.record({
  search: fc.oneof(
    fc.constantFrom(...FIRST, ...LAST, ...NOTES, ...TAGS).map((text) => text.slice(0, 6)),
    fc.constantFrom('sofai', 'lindqvsit', 'garcai', 'jonathn', 'okafro', 'harbuor'),
    fc.constantFrom('3456 78', '7946', '0151 234', '555 01', '00358', '@import.example', 'imp'),
    fc.constant(''),
  ),
  lifecycle: fc.option(fc.constantFrom(...LIFECYCLES), { nil: null }),
  tag: fc.option(fc.constantFrom(...TAGS), { nil: null }),
  optIn: fc.constant(null),
  ownerId: fc.constant(null),
  sort: fc.constantFrom('name' as const, 'created' as const, 'updated' as const),
  direction: fc.constantFrom('asc' as const, 'desc' as const),
});

type World = {
  db: CrmDatabase;
  host: SearchHost;
  customers: string[];
  imports: string[];
  serial: number;
};

const remoteClock = new HybridClock('remote', () => Date.now());

async function pull(db: CrmDatabase, first: string, last: string, serial: number) {
  const id = newId();
  const at = nowIso();
  const profile = {
    id,
    created_at: at,
    updated_at: at,
    deleted: 0,
    first_name: first,
    last_name: last,
    date_of_birth: null,
    notes: 'pulled from the team',
    tags: ['press'],
    lifecycle: 'customer',
    owner_id: null,
    email_consent: { opted_in: false, source: 'unknown', changed_at: at },
    sms_consent: { opted_in: false, source: 'unknown', changed_at: at },
  };
  const email = {
    id: newId(),
    created_at: at,
    updated_at: at,
    deleted: 0,
    customer_id: id,
    address: `team${serial}@pull.example`,
    address_normalized: `team${serial}@pull.example`,
    label: '',
    source: 'manual',
    is_primary: 1,
  };
  const row = (table: string, data: Record<string, unknown>) => ({
    table,
    row_id: String(data.id),
    data,
    clocks: Object.fromEntries(Object.keys(data).map((field) => [field, remoteClock.tick()])),
    version: serial,
  });
  const { rejected } = await applyPage(
    db,
    [row('customer_profiles', profile), row('customer_emails', email)],
    `cursor-${serial}`,
  );
  expect(rejected).toEqual([]);
}

async function runImport(world: World, names: number[]) {
  const csv =
    'Email,First Name,Last Name,Phone\n' +
    names
      .map((name, i) => `imp${world.serial}x${i}@import.example,${FIRST[name]},Imported,`)
      .join('\n');
  const { session } = await detectedImport(world.db, csv, `fans-${world.serial}.csv`);
  await session.analyse();
  const { job } = await session.commit({ fileName: 'fans.csv', chunkSize: 2 });
  world.imports.push(job.id);
}

async function apply(world: World, step: Op): Promise<void> {
  const { db } = world;
  const service = createCustomerService(db);
  const pickId = (n: number) => world.customers[n % Math.max(1, world.customers.length)];
  // The services refuse edits of deleted customers and restores of live ones: pick fitting ones.
  const state = async (id: string | undefined) =>
    id ? (await db.customer_profiles.get(id))?.deleted : undefined;
  const live = async (n: number) => ((await state(pickId(n))) === 0 ? pickId(n) : undefined);
  const target = async (n: number) =>
    step.kind === 'restore' ? ((await state(pickId(n))) === 1 ? pickId(n) : undefined) : live(n);
  world.serial += 1;
  switch (step.kind) {
    case 'create': {
      const created = await service.create(
        draft({
          first_name: FIRST[step.first]!,
          last_name: LAST[step.last]!,
          emails: [emailDraft(`fan${world.serial}@fans.example`)],
          phones: step.phone < PHONES.length ? [phoneDraft(PHONES[step.phone]!)] : [],
          notes: NOTES[step.notes]!,
          tags: step.tag < TAGS.length ? [TAGS[step.tag]!] : [],
          lifecycle: LIFECYCLES[step.first % 2]!,
        }),
        'US',
      );
      if (created.ok) world.customers.push(created.value);
      return;
    }
    case 'edit': {
      const id = await target(step.target);
      if (id)
        await service.updateProfile(id, { last_name: LAST[step.last]!, notes: NOTES[step.notes]! });
      return;
    }
    case 'remove':
    case 'restore': {
      const id = await target(step.target);
      if (id && step.kind === 'remove') await service.remove(id);
      if (id && step.kind === 'restore') await service.restore(id);
      return;
    }
    case 'hard-delete': {
      // As a backup restore clears the tables: the profile row itself goes.
      const id = await target(step.target);
      if (id) await db.customer_profiles.delete(id);
      return;
    }
    case 'phone': {
      const id = await target(step.target);
      if (id) await service.addPhone(id, PHONES[step.phone]!, 'US');
      return;
    }
    case 'import':
      return runImport(world, step.names);
    case 'undo-import': {
      const job = world.imports.pop();
      if (job) await createImportService(db).undo(job);
      return;
    }
    case 'pull':
      return pull(db, FIRST[step.first]!, LAST[step.last]!, world.serial);
    case 'restart':
      await world.host.save();
      world.host = new SearchHost(db, openSnapshotStore(db.name), { batchSize: 3 });
      await world.host.start();
  }
}

describe('the search index follows the database', () => {
  it('answers every query as the reference does over the list rows, after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 9 }),
        fc.array(queryArb, { minLength: 3, maxLength: 8 }),
        async (ops, queries) => {
          const db = freshDb();
          const host = new SearchHost(db, openSnapshotStore(db.name), { batchSize: 3 });
          const world: World = { db, host, customers: [], imports: [], serial: 0 };
          await host.start();
          for (const step of ops) await apply(world, step);
          const docs = (await db.customers_crm_v.toArray()).map(searchDocOf);
          for (const query of queries) {
            const window = { offset: 0, limit: 1_000 };
            expect(await world.host.query(query, window), JSON.stringify(query)).toEqual(
              referenceQuery(docs, query, window),
            );
          }
          expect(world.host.diagnostics().size).toBe(docs.length);
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('an edit is found at once, by the list query too', async () => {
    const db = freshDb();
    const host = new SearchHost(db, openSnapshotStore(db.name));
    await host.start();
    const created = await createCustomerService(db).create(draft({ first_name: 'Quinn' }), 'US');
    const id = created.ok ? created.value : '';
    const find = async (search: string) =>
      (await host.query({ ...DEFAULT_LIST_QUERY, search }, { offset: 0, limit: 5 }))?.ids;
    expect(await find('quinn')).toEqual([id]);
    await createCustomerService(db).remove(id);
    expect(await find('quinn')).toEqual([]);
  });
});
