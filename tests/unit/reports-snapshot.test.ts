/**
 * The reports' persisted snapshot (docs/reports.md, "The snapshot"): its bytes, the journal
 * written in each write's transaction, and the engine restoring from them. The promise: a
 * fresh engine (a new window) restored from a snapshot and the journal after it gives the
 * figures of an engine that reads every row, whatever was written meanwhile and by whom; a
 * missing, damaged or stale snapshot is rebuilt from the tables.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportSnapshot } from '../../src/renderer/src/domain/reports/snapshot-codec';
import {
  decodeReportSnapshot,
  DICT_PROBE_VALUES,
  encodeReportSnapshot,
  REPORT_SNAPSHOT_FORMAT,
  ReportSnapshotError,
  SNAPSHOT_FIELDS,
  snapshotColumnKinds,
} from '../../src/renderer/src/domain/reports/snapshot-codec';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import type { ReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { startJournal } from '../../src/renderer/src/services/crm/reports/report-journal';
import type { ReportSnapshotStore } from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import {
  openReportSnapshotStore,
  reportSnapshotDatabaseName,
} from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import { createReportSettingsService } from '../../src/renderer/src/services/crm/reports/report-settings-service';
import { freshDb } from './helpers';

const NOW = new Date('2026-12-06T12:00:00Z');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let db: CrmDatabase;
let store: ReportSnapshotStore;

beforeAll(async () => {
  db = freshDb();
  await createDemoDataService(db).loadDemoDeals();
  store = openReportSnapshotStore(db.name);
}, 60_000);

afterAll(async () => {
  store.close();
  db.close();
  await db.delete();
});

/** An engine as the worker makes one (a new window: its tracker starts now). */
const withSnapshots = () =>
  createReportEngine(db, undefined, { snapshots: store, saveIdleMs: 60_000 });

async function tablesOf(engine: ReportEngine, filters = [NO_REPORT_FILTER]) {
  const out = [];
  for (const filter of filters) {
    await engine.ensureTouchpoints(filter);
    const view = engine.compute(filter);
    if (!view.ok) throw new Error('refused');
    out.push(view.tables);
  }
  return out;
}

/** The figures of an engine without a snapshot: every row read. */
async function freshTables(filters = [NO_REPORT_FILTER]) {
  const fresh = createReportEngine(db);
  try {
    await fresh.load(NOW, 'all');
    return await tablesOf(fresh, filters);
  } finally {
    fresh.stop();
  }
}

const FILTERS = [
  NO_REPORT_FILTER,
  { ...NO_REPORT_FILTER, tag: 'vip' },
  { ...NO_REPORT_FILTER, from: '2025-01-01', to: '2027-06-30' },
];

async function journalWrites() {
  return (await db.reports_journal.toArray()).filter((entry) => entry.seq !== 0);
}

describe('the snapshot bytes', () => {
  let snapshot: ReportSnapshot;
  let bytes: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    const engine = createReportEngine(db);
    await engine.load(NOW, 'all');
    engine.stop();
    const pick = (rows: object[], fields: readonly string[]) =>
      rows.map((row) =>
        Object.fromEntries(
          fields.filter((f) => f in row).map((f) => [f, (row as Record<string, unknown>)[f]]),
        ),
      );
    const customers = (await db.customers_crm_v.toArray()).map((c, i) => ({
      ...c,
      // Every shape a column holds: null, absent, numbers.
      engagement_log: i % 3 === 0 ? null : c.engagement_log,
      ...(i % 2 ? { origin: 'import' } : {}),
    }));
    snapshot = {
      generation: 'g',
      seq: 7,
      touchSpan: { from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z' },
      sources: {
        deals: pick(await db.event_deals.toArray(), SNAPSHOT_FIELDS.deals),
        history: pick(await db.deal_status_history.toArray(), SNAPSHOT_FIELDS.history),
        participants: pick(await db.deal_participants.toArray(), SNAPSHOT_FIELDS.participants),
        members: pick(await db.team_members.toArray(), SNAPSHOT_FIELDS.members),
        customers: pick(customers, SNAPSHOT_FIELDS.customers),
        touchpoints: pick(
          await db.customer_engagement_metrics.toArray(),
          SNAPSHOT_FIELDS.touchpoints,
        ),
        tasks: pick(await db.crm_tasks.toArray(), SNAPSHOT_FIELDS.tasks),
        assignments: pick(await db.crm_task_assignments.toArray(), SNAPSHOT_FIELDS.assignments),
      } as unknown as ReportSnapshot['sources'],
    };
    bytes = encodeReportSnapshot(snapshot);
  });

  it('round-trip every source field by field (null, absent, arrays kept apart), from any alignment', () => {
    expect(snapshot.sources.customers.length).toBeGreaterThan(10);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    for (const input of [bytes, shifted.subarray(3)]) {
      const back = decodeReportSnapshot(input);
      expect(back).toStrictEqual(snapshot);
    }
    const back = decodeReportSnapshot(bytes);
    expect(back.sources.customers[0]!.tags).not.toBe(back.sources.customers[1]!.tags);
  });

  it('refuses any flipped byte with a clear error, never answers from it', () => {
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = bytes.slice();
        damaged[at]! ^= flip;
        expect(() => decodeReportSnapshot(damaged)).toThrow(ReportSnapshotError);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses truncated, padded, other-format and foreign bytes, naming why', () => {
    expect(() => decodeReportSnapshot(bytes.slice(0, bytes.length - 1))).toThrow(/truncated/);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes);
    expect(() => decodeReportSnapshot(padded)).toThrow(/too long/);
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(8, 2, true);
    expect(() => decodeReportSnapshot(newer)).toThrow(/format 2 is not supported/);
    for (const foreign of [new Uint8Array(0), new Uint8Array(4096).fill(7)]) {
      expect(() => decodeReportSnapshot(foreign)).toThrow(/not a reports snapshot/);
    }
  });
});

describe('columns of mostly distinct values', () => {
  // More rows than the dictionary's probe: ids, names and instants are all distinct.
  const n = DICT_PROBE_VALUES * 3;
  const customers = Array.from({ length: n }, (_, i) => ({
    customer_id: `c-${i}`,
    // Distinct, with null and absent rows among them.
    ...(i % 7 === 3 ? {} : { display_name: i % 11 === 5 ? null : `Cüstomer ${i} 😀` }),
    tags: i % 5 === 0 ? [] : [`t${i}`, 'vip'],
    lifecycle: ['lead', 'customer', 'fan'][i % 3],
    owner_id: i % 2 ? null : 'm1',
    email_opt_in: i % 2,
    sms_opt_in: 0,
    last_touch_at: i % 3 ? '' : new Date(1.7e12 + i * 60_000).toISOString(),
    created_at: new Date(1.6e12 + i * 1000).toISOString(),
    origin: 'import',
    engagement_log: null,
  }));
  const snapshot = {
    generation: 'g',
    seq: 1,
    touchSpan: null,
    sources: {
      deals: [],
      history: [],
      participants: [],
      members: [{ id: 'm1', name: 'Ann', active: 1, deleted: 0 }],
      customers,
      touchpoints: [],
      tasks: [],
      assignments: [],
    } as unknown as ReportSnapshot['sources'],
  };

  it('are stored plain, not as a dictionary of as many entries as rows, and round-trip', () => {
    const bytes = encodeReportSnapshot(snapshot);
    const kinds = snapshotColumnKinds(bytes);
    expect(kinds['customers.customer_id']).toBe('plain');
    expect(kinds['customers.display_name']).toBe('plain');
    expect(kinds['customers.created_at']).toBe('plain');
    expect(kinds['customers.tags']).toBe('plain');
    // Few distinct values (or few rows) stay a dictionary: a third distinct is not most.
    expect(kinds['customers.lifecycle']).toBe('dict');
    expect(kinds['customers.owner_id']).toBe('dict');
    expect(kinds['customers.last_touch_at']).toBe('dict');
    expect(kinds['members.name']).toBe('dict');
    expect(kinds['customers.email_opt_in']).toBe('num');
    const back = decodeReportSnapshot(bytes);
    expect(back).toStrictEqual(snapshot);
    expect('display_name' in back.sources.customers[3]!).toBe(false);
    expect(back.sources.customers[1]!.tags).not.toBe(back.sources.customers[2]!.tags);
  });
});

describe('the reports journal', () => {
  it('is dormant until started, then names every written row of the report tables in the write', async () => {
    const probe = freshDb();
    try {
      await createDemoDataService(probe).loadDemoDeals();
      expect(await probe.reports_journal.count()).toBe(0);
      await startJournal(probe);
      const customers = createCustomerService(probe);
      const [who] = (await probe.customers_crm_v.limit(1).primaryKeys()) as string[];
      await customers.addTouchpoint(who!, {
        kind: 'email',
        occurred_at: NOW.toISOString(),
        summary: '',
        value: 1,
      });
      const touch = await probe.customer_engagement_metrics
        .where('customer_id')
        .equals(who!)
        .last();
      const entries = (await probe.reports_journal.toArray()).filter((e) => e.seq !== 0);
      const byTable = new Map(entries.map((e) => [e.table, e.keys]));
      expect(byTable.get('customer_engagement_metrics')).toContain(touch!.id);
      // The list row the projection rebuilt in the same transaction.
      expect(byTable.get('customers_crm_v')).toContain(who);
      // Any writer (a sync pull, a script) is journaled, and a range as "read it whole".
      const deal = (await probe.event_deals.limit(1).toArray())[0]!;
      await probe.event_deals.put({ ...deal, venue: 'Elsewhere' });
      await probe.crm_task_assignments.clear();
      const later = (await probe.reports_journal.toArray()).slice(entries.length + 1);
      expect(later).toEqual([
        expect.objectContaining({ table: 'event_deals', keys: [deal.id] }),
        expect.objectContaining({ table: 'crm_task_assignments', keys: null }),
      ]);
      // An aborted transaction leaves no entry.
      const count = await probe.reports_journal.count();
      await expect(
        probe.transaction('rw', probe.event_deals, async () => {
          await probe.event_deals.put({ ...deal, venue: 'Nowhere' });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await probe.reports_journal.count()).toBe(count);
    } finally {
      probe.close();
      await probe.delete();
    }
  }, 60_000);
});

describe('the engine and its snapshot', () => {
  it('rebuilds when there is none, saves one and trims the journal it covers', async () => {
    await store.clear();
    const first = withSnapshots();
    try {
      const summary = await first.load(NOW, 'all');
      expect(summary.snapshot).toBe('missing');
      expect(summary.readWhole.length).toBeGreaterThan(0);
      await createDealService(db).update((await db.event_deals.limit(1).toArray())[0]!.id, {
        amount_minor: 4_242,
      });
      await settle();
      await first.load(NOW, 'all');
      expect((await journalWrites()).length).toBeGreaterThan(0);
      await first.saveSnapshot();
      expect(await journalWrites()).toEqual([]);
      expect(await store.load()).not.toBeNull();
    } finally {
      first.stop();
    }
  }, 60_000);

  it('a new window restores it in one read and gives the figures of every row read', async () => {
    const engine = withSnapshots();
    try {
      const summary = await engine.load(NOW, 'deals');
      expect(summary).toMatchObject({ snapshot: 'restored', stage: 'all', readWhole: [] });
      expect(await tablesOf(engine, FILTERS)).toEqual(await freshTables(FILTERS));
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('after any writes while no window had the reports open, catches up from the journal', async () => {
    const customers = createCustomerService(db);
    const deals = createDealService(db);
    type Write =
      | { kind: 'touch'; who: number; daysAgo: number }
      | { kind: 'tag'; who: number }
      | { kind: 'amount'; deal: number; minor: number }
      | { kind: 'remove-deal'; deal: number }
      | { kind: 'remove-customer'; who: number };
    const write: fc.Arbitrary<Write> = fc.oneof(
      fc.record({
        kind: fc.constant('touch' as const),
        who: fc.nat(),
        daysAgo: fc.integer({ min: 0, max: 200 }),
      }),
      fc.record({ kind: fc.constant('tag' as const), who: fc.nat() }),
      fc.record({ kind: fc.constant('amount' as const), deal: fc.nat(), minor: fc.nat(9_999_999) }),
      fc.record({ kind: fc.constant('remove-deal' as const), deal: fc.nat() }),
      fc.record({ kind: fc.constant('remove-customer' as const), who: fc.nat() }),
    );
    const apply = async (change: Write) => {
      const ids = (await db.customers_crm_v.orderBy('customer_id').primaryKeys()) as string[];
      const live = (await db.event_deals.orderBy('id').toArray()).filter((d) => d.deleted !== 1);
      const who = ids[('who' in change ? change.who : 0) % Math.max(ids.length, 1)];
      const deal = live[('deal' in change ? change.deal : 0) % Math.max(live.length, 1)];
      if (change.kind === 'touch' && who)
        await customers.addTouchpoint(who, {
          kind: 'call',
          occurred_at: new Date(NOW.getTime() - change.daysAgo * 86_400_000).toISOString(),
          summary: '',
          value: 3,
        });
      if (change.kind === 'tag' && who) await customers.updateProfile(who, { tags: ['vip'] });
      if (change.kind === 'amount' && deal)
        await deals.update(deal.id, { amount_minor: change.minor });
      if (change.kind === 'remove-deal' && deal) await deals.remove(deal.id);
      if (change.kind === 'remove-customer' && who) await customers.remove(who);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 5 }), async (writes) => {
        for (const change of writes) await apply(change);
        await settle();
        // Opened after the writes: no announcement of them reaches it, only the journal.
        const engine = withSnapshots();
        try {
          const summary = await engine.load(NOW, 'all');
          expect(summary.snapshot).toBe('restored');
          expect(await tablesOf(engine, FILTERS)).toEqual(await freshTables(FILTERS));
          await engine.saveSnapshot();
          expect(await journalWrites()).toEqual([]);
        } finally {
          engine.stop();
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('rebuilds from the tables when the snapshot is damaged', async () => {
    const bytes = (await store.load())!;
    bytes[bytes.length >> 1]! ^= 0x55;
    await store.save({ generation: 'g', seq: 0 }, bytes);
    const engine = withSnapshots();
    try {
      const summary = await engine.load(NOW, 'all');
      expect(summary.snapshot).toBe('damaged');
      expect(summary.readWhole.length).toBeGreaterThan(0);
      expect(await tablesOf(engine, FILTERS)).toEqual(await freshTables(FILTERS));
      await engine.saveSnapshot();
    } finally {
      engine.stop();
    }
    const next = withSnapshots();
    expect((await next.load(NOW, 'all')).snapshot).toBe('restored');
    next.stop();
  }, 60_000);

  it('refuses a snapshot of an older format and rebuilds it in this one', async () => {
    const saved = (await store.load())!;
    // A small workspace's columns are all dictionaries or numbers: format 1's very layout, so
    // these bytes with format 1 in the header are what the previous version saved.
    expect(new Set(Object.values(snapshotColumnKinds(saved)))).toStrictEqual(
      new Set(['num', 'dict']),
    );
    const older = saved.slice();
    new DataView(older.buffer).setUint32(8, 1, true);
    await store.save({ generation: 'g', seq: 0 }, older);
    const engine = withSnapshots();
    try {
      const summary = await engine.load(NOW, 'all');
      expect(summary.snapshot).toBe('damaged');
      expect(summary.readWhole.length).toBeGreaterThan(0);
      expect(await tablesOf(engine, FILTERS)).toEqual(await freshTables(FILTERS));
      await engine.saveSnapshot();
    } finally {
      engine.stop();
    }
    const rebuilt = (await store.load())!;
    expect(new DataView(rebuilt.buffer, rebuilt.byteOffset).getUint32(8, true)).toBe(
      REPORT_SNAPSHOT_FORMAT,
    );
    const next = withSnapshots();
    expect((await next.load(NOW, 'all')).snapshot).toBe('restored');
    next.stop();
  }, 60_000);

  it('rebuilds when the journal is another one (a restored database) or was trimmed past it', async () => {
    // Trimmed past the snapshot: entries it needs are gone.
    const meta = (await db.reports_journal.get(0))!;
    await db.reports_journal.put({ ...meta, trimmed_through: 1e9 } as typeof meta);
    const trimmed = withSnapshots();
    try {
      expect((await trimmed.load(NOW, 'all')).snapshot).toBe('stale');
      expect(await tablesOf(trimmed, FILTERS)).toEqual(await freshTables(FILTERS));
    } finally {
      trimmed.stop();
    }
    // Another generation (the journal started over): the snapshot is of other rows.
    await db.reports_journal.clear();
    const other = withSnapshots();
    try {
      const summary = await other.load(NOW, 'all');
      expect(summary.snapshot).toBe('stale');
      expect(summary.readWhole.length).toBeGreaterThan(0);
      expect(await tablesOf(other, FILTERS)).toEqual(await freshTables(FILTERS));
    } finally {
      other.stop();
    }
  }, 60_000);
});

describe('warming the reports ahead of the first visit', () => {
  it('restores from the snapshot when there is one, and reads nothing when there is none', async () => {
    const saver = withSnapshots();
    await saver.load(NOW, 'all');
    await saver.saveSnapshot();
    saver.stop();
    const warmed = withSnapshots();
    try {
      expect(await warmed.warm(NOW)).toBe('restored');
      // The first visit then reads and prepares nothing: its figures are a compute away.
      const visit = await warmed.load(NOW, 'deals');
      expect(visit).toMatchObject({ rows: 0, prepared: false, stage: 'all', snapshot: null });
      expect(await tablesOf(warmed, FILTERS)).toEqual(await freshTables(FILTERS));
    } finally {
      warmed.stop();
    }
    await store.clear();
    const cold = withSnapshots();
    try {
      expect(await cold.warm(NOW)).toBe('missing');
      // Nothing was read ahead: the first visit reads the tables.
      const visit = await cold.load(NOW, 'all');
      expect(visit.readWhole.length).toBeGreaterThan(0);
      expect(await tablesOf(cold, FILTERS)).toEqual(await freshTables(FILTERS));
    } finally {
      cold.stop();
    }
  }, 60_000);
});

describe('figures kept for a new window', () => {
  const DAY = 86_400_000;
  /** A window computes the figures for the default filter and keeps them; returns them. */
  async function keptByAWindow() {
    const window = withSnapshots();
    try {
      await window.load(NOW, 'all');
      const view = window.compute(NO_REPORT_FILTER);
      await window.saveSnapshot();
      return view;
    } finally {
      window.stop();
    }
  }
  /** What a new window's worker finds kept for `filter`, before it restores any row. */
  async function keptInANewWindow(now = NOW, filter = NO_REPORT_FILTER) {
    const window = withSnapshots();
    try {
      return await window.keptResult(now, filter);
    } finally {
      window.stop();
    }
  }

  it('stand while nothing they came from changed, and are the figures the new window computes', async () => {
    const computed = await keptByAWindow();
    const kept = await keptInANewWindow();
    expect(kept).toEqual(computed);
    // The new window's own figures, once its rows are restored, are the same.
    const window = withSnapshots();
    try {
      await window.load(NOW, 'all');
      expect(kept?.ok && kept.tables).toEqual(await tablesOf(window).then((t) => t[0]));
    } finally {
      window.stop();
    }
    // Only for the filter they were computed for.
    expect(await keptInANewWindow(NOW, { ...NO_REPORT_FILTER, currency: 'EUR' })).toBeNull();
  }, 60_000);

  it('after a write, the save keeps the default filter too, whatever filter the page shows', async () => {
    const EUR = { ...NO_REPORT_FILTER, currency: 'EUR' };
    const window = withSnapshots();
    try {
      await window.load(NOW, 'all');
      window.compute(NO_REPORT_FILTER);
      window.compute(EUR);
      // A write while the page shows EUR: the default's kept figures fall with it ...
      const deal = (await db.event_deals.toArray()).find((d) => d.deleted !== 1)!;
      await createDealService(db).update(deal.id, { amount_minor: deal.amount_minor + 7 });
      await window.load(NOW, 'all');
      window.compute(EUR);
      expect(await keptInANewWindow()).toBeNull();
      // ... and the snapshot saved for the rows after it comes with them again.
      await window.saveSnapshot();
    } finally {
      window.stop();
    }
    const kept = await keptInANewWindow();
    expect(kept?.ok).toBe(true);
    expect(kept?.ok && kept.tables).toEqual((await freshTables())[0]);
    expect(await keptInANewWindow(NOW, EUR)).not.toBeNull();
  }, 60_000);

  it('are a record each, so a new window reads only the one for its filter', async () => {
    const entry = (key: string) => ({
      generation: 'g',
      seq: 1,
      settings: '{}',
      day: '2026-12-06',
      key,
      view: { key },
    });
    const kept = openReportSnapshotStore(`${db.name}-records`);
    try {
      await kept.saveResults([entry('a'), entry('b')]);
      expect(await kept.loadResult('a')).toEqual(entry('a'));
      expect(await kept.loadResult('c')).toBeNull();
      expect(await kept.loadResults()).toEqual([entry('a'), entry('b')]);
      // One view per record; the index holds keys only.
      const raw = new Dexie(reportSnapshotDatabaseName(`${db.name}-records`));
      raw.version(1).stores({ snapshot: 'key' });
      const records = await raw.table('snapshot').toArray();
      raw.close();
      expect(records.map((r) => [r.key, 'result' in r ? r.result.key : null]).sort()).toEqual([
        ['kept', null],
        ['kept:a', 'a'],
        ['kept:b', 'b'],
      ]);
      // Keeping others drops the records of those no longer kept.
      await kept.saveResults([entry('c'), entry('a')]);
      expect(await kept.loadResult('b')).toBeNull();
      expect((await kept.loadResults()).map((r) => r.key)).toEqual(['c', 'a']);
    } finally {
      await kept.clear();
      kept.close();
    }
  }, 60_000);

  it('after a write, the default filter is kept once the page rests, before any save', async () => {
    const EUR = { ...NO_REPORT_FILTER, currency: 'EUR' };
    let now = 0;
    // No save in this test (a minute of rest): only the keep after a write can keep them.
    const window = createReportEngine(db, undefined, {
      snapshots: store,
      saveIdleMs: 60_000,
      keepDefaultIdleMs: 1_000,
      clock: () => now,
    });
    try {
      await window.load(NOW, 'all');
      window.compute(NO_REPORT_FILTER);
      window.compute(EUR);
      const deal = (await db.event_deals.toArray()).find((d) => d.deleted !== 1)!;
      await createDealService(db).update(deal.id, { amount_minor: deal.amount_minor + 11 });
      await window.load(NOW, 'all');
      window.compute(EUR);
      // The page asked a moment ago: nothing is computed for a later window yet.
      now = 500;
      await window.keepDefaultWhenRested();
      expect(await keptInANewWindow()).toBeNull();
      // Rested: the default filter's figures of the rows after the write stand.
      now = 1_500;
      await window.keepDefaultWhenRested();
      const kept = await keptInANewWindow();
      expect(kept?.ok).toBe(true);
      expect(kept?.ok && kept.tables).toEqual((await freshTables())[0]);
    } finally {
      window.stop();
    }
  }, 60_000);

  it('a scheduled save gives way while the page asks, and saves once it rests', async () => {
    let now = 0;
    const snapshots = openReportSnapshotStore(db.name);
    await snapshots.clear();
    const engine = createReportEngine(db, undefined, {
      snapshots,
      saveIdleMs: 5_000,
      clock: () => now,
    });
    try {
      await engine.load(NOW, 'all');
      engine.compute(NO_REPORT_FILTER);
      // The page asked a second ago: encoding the rows would hold its next answer.
      now = 1_000;
      await engine.saveWhenRested();
      expect(await snapshots.load()).toBeNull();
      // Rested for the idle time: saved.
      now = 6_000;
      await engine.saveWhenRested();
      expect(await snapshots.load()).not.toBeNull();
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('fall on a write to any table the reports read, a settings change, or a new day', async () => {
    await keptByAWindow();
    expect(await keptInANewWindow(new Date(NOW.getTime() + DAY))).toBeNull();
    expect(await keptInANewWindow()).not.toBeNull();

    // A live deal (earlier tests remove some).
    const deal = (await db.event_deals.toArray()).find((d) => d.deleted !== 1)!;
    await createDealService(db).update(deal.id, { amount_minor: deal.amount_minor + 1 });
    expect(await keptInANewWindow()).toBeNull();

    await keptByAWindow();
    const who = (await db.customers_crm_v.orderBy('customer_id').primaryKeys())[0] as string;
    await createCustomerService(db).addTouchpoint(who, {
      kind: 'call',
      occurred_at: NOW.toISOString(),
      summary: '',
      value: 1,
    });
    expect(await keptInANewWindow()).toBeNull();

    await keptByAWindow();
    await createReportSettingsService(db).setReportingCurrency('EUR');
    try {
      expect(await keptInANewWindow()).toBeNull();
    } finally {
      await createReportSettingsService(db).setReportingCurrency(null);
    }
  }, 120_000);
});
