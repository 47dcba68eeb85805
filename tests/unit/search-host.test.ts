import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { SearchQuery } from '../../src/renderer/src/domain/search/search-types';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { searchDocOf } from '../../src/renderer/src/services/crm/customers/search/search-docs';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { createSearchIndex } from '../../src/renderer/src/domain/search/search-index';
import {
  journalMeta,
  lastJournalSeq,
} from '../../src/renderer/src/services/crm/customers/search/search-journal';
import {
  SNAPSHOT_KEY,
  openSnapshotStore,
  snapshotDatabaseName,
} from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';
import { referenceQuery } from './search-reference';

const FIRST = ['Sofía', 'Jonas', 'Jonathan', 'Ana', 'Zoë', 'Mikko', 'Léa'];
const LAST = ['García', 'Müller', 'Okafor', 'Lindqvist', "O'Brien"];

async function seed(db: CrmDatabase, count: number, from = 0): Promise<string[]> {
  const customers = createCustomerService(db);
  const ids: string[] = [];
  for (let i = from; i < from + count; i += 1) {
    const created = await customers.create(
      draft({
        first_name: FIRST[i % FIRST.length]!,
        last_name: LAST[i % LAST.length]!,
        emails: [emailDraft(`fan${i}@mail${i % 3}.example`), emailDraft(`alt${i}@other.example`)],
        phones: [phoneDraft(`+49 151 2${String(1_000_000 + i * 37)}`)],
        notes: i % 4 === 0 ? `saw them at the harbour gig ${i}` : '',
        tags: i % 5 === 0 ? ['vip'] : [],
        lifecycle: i % 2 ? 'lead' : 'customer',
      }),
      'US',
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    ids.push(created.value);
  }
  return ids;
}

const QUERIES: Partial<SearchQuery>[] = [
  { search: '' },
  { search: 'sofia' },
  { search: 'jonas' },
  { search: 'garcai' },
  { search: 'harbour' },
  { search: '151 2000' },
  { search: 'alt1' },
  { search: 'mail2' },
  { search: 'o brien', sort: 'created', direction: 'desc' },
  { search: '', tag: 'vip', sort: 'updated' },
  { search: 'lea', lifecycle: 'lead' },
];

/** Every query answered by the host equals the reference over the database's list rows. */
async function expectAnswersMatchDatabase(db: CrmDatabase, host: SearchHost) {
  const docs = (await db.customers_crm_v.toArray()).map(searchDocOf);
  for (const patch of QUERIES) {
    const query = { ...DEFAULT_LIST_QUERY, ...patch };
    const window = { offset: 0, limit: 500 };
    expect(await host.query(query, window), JSON.stringify(patch)).toEqual(
      referenceQuery(docs, query, window),
    );
  }
}

async function startedHost(db: CrmDatabase) {
  const host = new SearchHost(db, openSnapshotStore(db.name), { batchSize: 7 });
  await host.start();
  return host;
}

/** The snapshot database opened directly (format 2: one record, meta + Blob). */
async function rawSnapshotDb(db: CrmDatabase) {
  const raw = new Dexie(snapshotDatabaseName(db.name));
  raw.version(2).stores({ snapshot: 'key' });
  return raw;
}

describe('the search host', () => {
  it('builds the index when there is no snapshot, then starts from the snapshot it saved', async () => {
    const db = freshDb();
    await seed(db, 30);
    const first = await startedHost(db);
    expect(first.diagnostics().lastStart).toMatchObject({ kind: 'rebuild', reason: 'missing' });
    await expectAnswersMatchDatabase(db, first);
    await first.save();
    const second = await startedHost(db);
    expect(second.diagnostics().lastStart).toMatchObject({ kind: 'snapshot' });
    expect(second.diagnostics().size).toBe(30);
    await expectAnswersMatchDatabase(db, second);
  });

  it('catches up from the journal: writes after the snapshot are found on the next start', async () => {
    const db = freshDb();
    const ids = await seed(db, 20);
    await (await startedHost(db)).save();
    const customers = createCustomerService(db);
    await seed(db, 5, 100);
    await customers.updateProfile(ids[0]!, { first_name: 'Quentin', notes: 'lighthouse' });
    await customers.remove(ids[1]!);
    await customers.addPhone(ids[2]!, '+44 20 7946 0018', 'US');
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart?.kind).toBe('snapshot');
    expect(host.diagnostics().size).toBe(24);
    const find = async (search: string) =>
      (await host.query({ ...DEFAULT_LIST_QUERY, search }, { offset: 0, limit: 50 }))?.ids;
    expect(await find('quentin lighthouse')).toEqual([ids[0]]);
    expect(await find('7946 0018')).toEqual([ids[2]]);
    await expectAnswersMatchDatabase(db, host);
  });

  it('follows writes made while it runs', async () => {
    const db = freshDb();
    const [id] = await seed(db, 3);
    const host = await startedHost(db);
    await createCustomerService(db).updateProfile(id!, { last_name: 'Wójcik' });
    await expectAnswersMatchDatabase(db, host);
    expect(
      (await host.query({ ...DEFAULT_LIST_QUERY, search: 'wojcik' }, { offset: 0, limit: 5 }))?.ids,
    ).toEqual([id]);
  });

  it('skips its journal read when the caller has seen no write it has not applied', async () => {
    const db = freshDb();
    const [id] = await seed(db, 3);
    const host = await startedHost(db);
    const seen = await db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    await createCustomerService(db).updateProfile(id!, { last_name: 'Wójcik' });
    const wojcik = { ...DEFAULT_LIST_QUERY, search: 'wojcik' };
    const window = { offset: 0, limit: 5 };
    // Seen up to before the edit, which the host has applied: no journal read, so the edit
    // (which nothing told this host of: no runtime here) is not in the answer yet.
    expect((await host.queryWithRows(wojcik, window, seen))?.result.ids).toEqual([]);
    // Seen up to the edit: the host reads the journal first.
    const now = await db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    expect(now).toBeGreaterThan(seen);
    const answer = await host.queryWithRows(wojcik, window, now);
    expect(answer?.result.ids).toEqual([id]);
    expect(answer?.rows.map((row) => row?.last_name)).toEqual(['Wójcik']);
  });

  it('exports (allIds) skip the journal read the same way when given the seq seen', async () => {
    const db = freshDb();
    const [id] = await seed(db, 3);
    const host = await startedHost(db);
    const seen = await db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    await createCustomerService(db).updateProfile(id!, { last_name: 'Wójcik' });
    const wojcik = { ...DEFAULT_LIST_QUERY, search: 'wojcik' };
    expect(await host.allIds(wojcik, seen)).toEqual([]);
    const now = await db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    expect(await host.allIds(wojcik, now)).toEqual([id]);
  });

  it('rebuilds from a damaged snapshot and gives the same answers', async () => {
    const db = freshDb();
    await seed(db, 25);
    await (await startedHost(db)).save();
    const raw = await rawSnapshotDb(db);
    const record = await raw.table('snapshot').get(SNAPSHOT_KEY);
    const bytes = new Uint8Array(await (record.data as Blob).arrayBuffer());
    bytes[200] = bytes[200]! ^ 0xff;
    await raw.table('snapshot').put({ ...record, data: new Blob([bytes]) });
    raw.close();
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart?.kind).toBe('rebuild');
    expect(host.diagnostics().lastStart?.reason).toMatch(/^damaged/);
    await expectAnswersMatchDatabase(db, host);
  });

  it('rebuilds over a format 1 snapshot (meta + Uint8Array pieces), then starts from the new format', async () => {
    const db = freshDb();
    await seed(db, 14);
    // What format 1 wrote (before any host opened the snapshot database): a whole snapshot's
    // bytes in pieces, with a meta record covering the journal.
    const bytes = createSearchIndex(
      (await db.customers_crm_v.toArray()).map(searchDocOf),
    ).toSnapshot();
    const old = new Dexie(snapshotDatabaseName(db.name));
    old.version(1).stores({ snapshot: 'key' });
    await old.table('snapshot').bulkPut([
      { key: 'piece:0', data: bytes.slice(0, 100) },
      { key: 'piece:1', data: bytes.slice(100) },
      {
        key: 'meta',
        meta: {
          generation: (await journalMeta(db)).generation,
          seq: await lastJournalSeq(db),
          bytes: bytes.byteLength,
          pieces: 2,
          saved_at: new Date().toISOString(),
        },
      },
    ]);
    old.close();
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild', reason: 'missing' });
    await expectAnswersMatchDatabase(db, host);
    const raw = await rawSnapshotDb(db);
    expect(await raw.table('snapshot').count()).toBe(0);
    await host.save();
    expect(await raw.table('snapshot').toCollection().primaryKeys()).toEqual([SNAPSHOT_KEY]);
    raw.close();
    const next = await startedHost(db);
    expect(next.diagnostics().lastStart).toMatchObject({ kind: 'snapshot' });
    await expectAnswersMatchDatabase(db, next);
  });

  it('rebuilds when the snapshot record has no bytes (a foreign or cut record)', async () => {
    const db = freshDb();
    await seed(db, 6);
    await (await startedHost(db)).save();
    const raw = await rawSnapshotDb(db);
    const record = await raw.table('snapshot').get(SNAPSHOT_KEY);
    await raw.table('snapshot').put({ ...record, data: undefined });
    raw.close();
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild', reason: 'missing' });
    await expectAnswersMatchDatabase(db, host);
  });

  it('rebuilds from a snapshot older than the last write (its journal trimmed) and gives the same answers', async () => {
    const db = freshDb();
    await seed(db, 12);
    await (await startedHost(db)).save();
    const raw = await rawSnapshotDb(db);
    const old = await raw.table('snapshot').toArray();
    await seed(db, 6, 50);
    // Another window saves a newer snapshot and trims the journal it covers...
    await (await startedHost(db)).save();
    expect(await lastJournalSeq(db)).toBeGreaterThan(
      old.find((r) => r.key === SNAPSHOT_KEY).meta.seq,
    );
    // ...then the old snapshot comes back (a restored profile folder, a lost write).
    await raw.table('snapshot').clear();
    await raw.table('snapshot').bulkPut(old);
    raw.close();
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild' });
    expect(host.diagnostics().lastStart?.reason).toMatch(/older than/);
    expect(host.diagnostics().size).toBe(18);
    await expectAnswersMatchDatabase(db, host);
  });

  it('starts from a snapshot without counting the list (a walk of every row in IndexedDB)', async () => {
    const db = freshDb();
    await seed(db, 15);
    await (await startedHost(db)).save();
    await seed(db, 3, 40);
    db.customers_crm_v.count = () => {
      throw new Error('counted customers_crm_v');
    };
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'snapshot' });
    expect(host.diagnostics().size).toBe(18);
    await expectAnswersMatchDatabase(db, host);
  });

  it('rebuilds from a snapshot newer than the database (its journal ends before the snapshot)', async () => {
    const db = freshDb();
    await seed(db, 9);
    await (await startedHost(db)).save();
    const raw = await rawSnapshotDb(db);
    const saved = await raw.table('snapshot').toArray();
    // The database goes back to an older copy of itself (same generation, fewer writes)...
    const meta = await db.search_journal.get(0);
    const covered = saved.find((r) => r.key === SNAPSHOT_KEY).meta.seq as number;
    await db.search_journal.put({ ...meta!, trimmed_through: covered - 4 } as typeof meta & object);
    const ids = (await db.customers_crm_v.toArray()).map((row) => row.customer_id);
    await db.customers_crm_v.bulkDelete(ids.slice(0, 2));
    raw.close();
    // ...while the snapshot still covers the writes it lost.
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild' });
    expect(host.diagnostics().lastStart?.reason).toBe(
      `stale: covers journal entry ${covered}, the database ${covered - 4}`,
    );
    expect(host.diagnostics().size).toBe(7);
    await expectAnswersMatchDatabase(db, host);
  });

  it('audits a ready index against the list count and rebuilds when a row changed behind the journal', async () => {
    const db = freshDb();
    const ids = await seed(db, 10);
    await (await startedHost(db)).save();
    const fine = await startedHost(db);
    expect(await fine.audit()).toBe(false);
    expect(fine.diagnostics().lastStart?.kind).toBe('snapshot');
    // A list row removed behind the journal's back (not a projection input: no entry).
    await db.customers_crm_v.delete(ids[3]!);
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart?.kind).toBe('snapshot');
    expect(await host.audit()).toBe(true);
    expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild' });
    expect(host.diagnostics().lastStart?.reason).toMatch(/^stale: 10 customers indexed, 9 listed/);
    expect(host.ready).toBe(true);
    await expectAnswersMatchDatabase(db, host);
  });

  it('audits in key ranges: a row added and another removed behind the journal (same count) rebuild', async () => {
    const db = freshDb();
    const ids = await seed(db, 10);
    await (await startedHost(db)).save();
    const audited = async () => {
      const host = new SearchHost(db, openSnapshotStore(db.name), { auditRange: 3 });
      await host.start();
      return host;
    };
    const fine = await audited();
    expect(await fine.audit()).toBe(false);
    // Behind the journal's back: one row gone, a copy of another under a new id (count unchanged).
    const sorted = [...ids].sort();
    const copy = await db.customers_crm_v.get(sorted[8]!);
    await db.customers_crm_v.delete(sorted[1]!);
    await db.customers_crm_v.add({ ...copy!, customer_id: `${sorted[8]!}-copy` });
    const host = await audited();
    expect(await host.audit()).toBe(true);
    expect(host.diagnostics().lastStart?.reason).toMatch(/^stale: 10 customers indexed, 10 listed/);
    await expectAnswersMatchDatabase(db, host);
  });

  it('rebuilds from a snapshot of another journal (the database was recreated)', async () => {
    const db = freshDb();
    await seed(db, 8);
    await (await startedHost(db)).save();
    const meta = await db.search_journal.get(0);
    await db.search_journal.put({ ...meta!, generation: 'another' } as typeof meta & object);
    const host = await startedHost(db);
    expect(host.diagnostics().lastStart?.reason).toBe('stale: another journal');
    await expectAnswersMatchDatabase(db, host);
  });

  it('answers null while loading, never a partial list', async () => {
    const db = freshDb();
    await seed(db, 5);
    const host = new SearchHost(db, openSnapshotStore(db.name), { batchSize: 2 });
    const started = host.start();
    expect(await host.query(DEFAULT_LIST_QUERY, { offset: 0, limit: 10 })).toBeNull();
    await started;
    expect((await host.query(DEFAULT_LIST_QUERY, { offset: 0, limit: 10 }))?.exactCount).toBe(5);
  });
});
