/**
 * The first read in chunks and the build at rest (docs/reports.md, "The first read in chunks,
 * figures ready at rest"). The promises: with no snapshot, the engine reads each table in
 * read transactions of at most `chunkRows` rows, so a write made meanwhile waits for one chunk
 * at most, never for the whole read; the journal (from the seq noted before the first chunk)
 * brings the chunks to one moment, so a write made during the read is in the figures; a
 * background build pauses between chunks while the user works, unless the page asks for its
 * rows; and what it builds serves a later window (the snapshot and the kept figures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { readProgressWords } from '../../src/renderer/src/domain/reports/read-progress';
import {
  figuresDue,
  REST_MS,
  restedFor,
  restWait,
} from '../../src/renderer/src/domain/reports/rest-rule';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import type {
  ReportEngine,
  ReportEngineOptions,
} from '../../src/renderer/src/services/crm/reports/report-engine';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import type { ChunkEvent } from '../../src/renderer/src/services/crm/reports/report-source-tables';
import {
  keyOf,
  readSourceInChunks,
  readSourceRows,
  readWholeSource,
  SOURCE_TABLES,
} from '../../src/renderer/src/services/crm/reports/report-source-tables';
import type { ReportSources } from '../../src/renderer/src/domain/reports/compute';
import {
  decodeReportSnapshot,
  encodeReportSnapshot,
  SNAPSHOT_FIELDS,
} from '../../src/renderer/src/domain/reports/snapshot-codec';
import type { ReportSnapshotStore } from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import { openReportSnapshotStore } from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import { freshDb } from './helpers';

const NOW = new Date('2026-12-06T12:00:00Z');
const CHUNK = 3;
const WAITED = 5;
const FILTERS = [NO_REPORT_FILTER, { ...NO_REPORT_FILTER, tag: 'vip' }];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** A new window's engine on a database the reports never saw (no snapshot, no journal). */
async function neverSeen(options: ReportEngineOptions = {}) {
  await store.clear();
  await db.reports_journal.clear();
  return createReportEngine(db, undefined, {
    snapshots: store,
    saveIdleMs: 60_000,
    chunkRows: CHUNK,
    // The read a page waits for: chunks of WAITED rows (a build nobody waits for: CHUNK).
    waitedChunkRows: WAITED,
    waitedLeastRows: WAITED,
    ...options,
  });
}

async function tablesOf(engine: ReportEngine) {
  const out = [];
  for (const filter of FILTERS) {
    await engine.ensureTouchpoints(filter);
    const view = engine.compute(filter);
    if (!view.ok) throw new Error('refused');
    out.push(view.tables);
  }
  return out;
}

/** The figures of an engine that reads every table in one transaction (no snapshot). */
async function freshTables() {
  const fresh = createReportEngine(db);
  try {
    await fresh.load(NOW, 'all');
    return await tablesOf(fresh);
  } finally {
    fresh.stop();
  }
}

describe('the first read in chunks', () => {
  it('reads each table in read transactions of at most chunkRows rows, and gives the figures of one read', async () => {
    const events: ChunkEvent[] = [];
    const engine = await neverSeen({ onChunk: (event) => events.push(event) });
    try {
      const summary = await engine.load(NOW, 'all');
      expect(summary.snapshot).toBe('missing');
      const ends = events.filter((e) => e.phase === 'end');
      for (const event of ends) expect(event.rows).toBeLessThanOrEqual(WAITED);
      // Every row of each table (but touchpoints: those of the weeks shown) came in chunks.
      for (const name of ['deals', 'history', 'participants', 'customers', 'tasks'] as const) {
        const rows = await db.table(SOURCE_TABLES[name].table).count();
        const read = ends.filter((e) => e.source === name).reduce((n, e) => n + e.rows!, 0);
        expect(read, name).toBe(rows);
        expect(ends.filter((e) => e.source === name).length, name).toBeGreaterThanOrEqual(
          Math.ceil(rows / WAITED),
        );
      }
      // One chunk at a time: each starts after the previous ended.
      events.forEach((event, i) => expect(event.phase).toBe(i % 2 === 0 ? 'start' : 'end'));
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('reads touchpoints by their instant without losing or doubling any at a chunk edge', async () => {
    // Five touchpoints at one instant, more than a chunk: the edge falls among them.
    const customers = createCustomerService(db);
    const [who] = (await db.customers_crm_v.orderBy('customer_id').primaryKeys()) as string[];
    for (let i = 0; i < 5; i += 1)
      await customers.addTouchpoint(who!, {
        kind: 'call',
        occurred_at: '2026-12-01T10:00:00.000Z',
        summary: `tie ${i}`,
        value: 1,
      });
    const engine = await neverSeen();
    try {
      await engine.load(NOW, 'all');
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('a write made during the read waits for one chunk at most, and is in the figures', async () => {
    const deals = createDealService(db);
    const first = (await db.event_deals.orderBy('id').first())!;
    const before = await freshTables();
    const log: string[] = [];
    let write: Promise<void> | null = null;
    const engine = await neverSeen({
      onChunk: (event) => {
        log.push(`${event.phase} ${event.source} ${event.index}`);
        // The deal read in the first chunk, re-priced while the second is read.
        if (event.source === 'deals' && event.index === 1 && event.phase === 'start' && !write)
          write = deals
            .update(first.id, { amount_minor: first.amount_minor + 123_456 })
            .then(() => void log.push('write committed'));
      },
    });
    try {
      await engine.load(NOW, 'all');
      await write;
      const issued = log.indexOf('start deals 1');
      const committed = log.indexOf('write committed');
      expect(committed).toBeGreaterThan(issued);
      // At most the chunk it came during ended before it committed: it never waited for more.
      const endsWaited = log.slice(issued, committed).filter((e) => e.startsWith('end '));
      expect(endsWaited.length).toBeLessThanOrEqual(1);
      // Committed long before the load's last chunk.
      const lastStart = log.map((e) => e.startsWith('start ')).lastIndexOf(true);
      expect(committed).toBeLessThan(lastStart);
      // The deal read before the write is caught up by the journal: the figures have the price.
      const after = await freshTables();
      expect(after).not.toEqual(before);
      expect(await tablesOf(engine)).toEqual(after);
    } finally {
      engine.stop();
    }
  }, 60_000);
});

describe('the chunk size', () => {
  it("follows the last chunk's time: grows while chunks are quick, shrinks when slow, within bounds", async () => {
    const many = freshDb();
    try {
      const rows = Array.from({ length: 1_300 }, (_, i) => ({
        id: `a${String(i).padStart(5, '0')}`,
        task_id: `t${i}`,
        member_id: 'm',
        assignment_type: 'watcher',
      }));
      await many.table(SOURCE_TABLES.assignments.table).bulkAdd(rows);
      const sizes = async (targetMs: number) => {
        const ends: number[] = [];
        const read = await readSourceInChunks(many, 'assignments', {
          rows: 1_000,
          targetMs,
          onChunk: (e) => e.phase === 'end' && ends.push(e.rows!),
        });
        expect(read.rows.map((r) => (r as { id: string }).id)).toEqual(rows.map((r) => r.id));
        return ends;
      };
      // Quick beside the aim: 500 first, then doubled up to the bound.
      expect(await sizes(1e9)).toEqual([500, 800]);
      // Slow beside it: down to the smallest chunk (50 rows).
      const slow = await sizes(1e-9);
      expect(slow[0]).toBe(500);
      for (const size of slow.slice(1)) expect(size).toBeLessThanOrEqual(50);
      // While the page waits for the rows: its own bounds, and never below its least.
      const waitedSizes = async (targetMs: number) => {
        const ends: number[] = [];
        await readSourceInChunks(many, 'assignments', {
          rows: 100,
          targetMs: 1e9,
          waited: { now: () => true, rows: 600, targetMs, least: 200 },
          onChunk: (e) => e.phase === 'end' && ends.push(e.rows!),
        });
        return ends;
      };
      expect(await waitedSizes(1e9)).toEqual([500, 600, 200]);
      expect(await waitedSizes(1e-9)).toEqual([500, 200, 200, 200, 200, 0]);
    } finally {
      many.close();
      await many.delete();
    }
  }, 60_000);
});

describe('the rows kept', () => {
  it('are the fields the figures read, as a restored snapshot gives them, however read', async () => {
    const names = Object.keys(SOURCE_TABLES) as (keyof typeof SOURCE_TABLES)[];
    const sources = {} as Record<(typeof names)[number], unknown[]>;
    for (const name of names) {
      const chunked = (await readSourceInChunks(db, name, { rows: CHUNK })).rows;
      const whole = await db.transaction('r', db.table(SOURCE_TABLES[name].table), () =>
        readWholeSource(db, name),
      );
      expect(chunked, name).toEqual(whole);
      const keys = whole.slice(0, 20).map((row) => keyOf(name, row));
      expect(await readSourceRows(db, name, keys), name).toEqual(whole.slice(0, 20));
      for (const row of whole)
        for (const field of Object.keys(row))
          expect(SNAPSHOT_FIELDS[name] as readonly string[], `${name}.${field}`).toContain(field);
      sources[name] = whole;
    }
    // Exactly what the snapshot gives back: a window that restores holds the same rows.
    const snapshot = {
      generation: 'g',
      seq: 1,
      touchSpan: null,
      sources: sources as unknown as ReportSources,
    };
    expect(decodeReportSnapshot(encodeReportSnapshot(snapshot)).sources).toEqual(snapshot.sources);
  }, 60_000);
});

describe('the read a page waits for', () => {
  it('goes in larger chunks than a build nobody waits for, from the moment the page asks', async () => {
    const built: ChunkEvent[] = [];
    const building = await neverSeen({ onChunk: (e) => built.push(e) });
    try {
      expect(await building.warm(NOW, true)).toBe('built');
    } finally {
      building.stop();
    }
    // (Touchpoints aside: a chunk all at one instant reads that instant whole.)
    const byKey = (e: ChunkEvent) => e.phase === 'end' && e.source !== 'touchpoints';
    const builtEnds = built.filter(byKey);
    expect(Math.max(...builtEnds.map((e) => e.rows!))).toBe(CHUNK);

    const visited: ChunkEvent[] = [];
    const visit = await neverSeen({ onChunk: (e) => visited.push(e) });
    try {
      await visit.load(NOW, 'all');
      expect(await tablesOf(visit)).toEqual(await freshTables());
    } finally {
      visit.stop();
    }
    const visitEnds = visited.filter(byKey);
    expect(Math.max(...visitEnds.map((e) => e.rows!))).toBe(WAITED);
    expect(visitEnds.length).toBeLessThan(builtEnds.length);

    // A build the page asks for midway: the chunks after the ask are the page's.
    const mixed: ChunkEvent[] = [];
    let asked: Promise<unknown> | null = null;
    const engine = await neverSeen({
      onChunk: (e) => {
        mixed.push(e);
        if (e.source === 'deals' && e.index === 1 && e.phase === 'end' && !asked)
          asked = engine.load(NOW, 'deals');
      },
    });
    try {
      expect(await engine.warm(NOW, true)).toBe('built');
      await asked;
      const ends = mixed.filter((e) => e.phase === 'end' && e.source === 'deals');
      expect(ends.slice(0, 2).map((e) => e.rows)).toEqual([CHUNK, CHUNK]);
      expect(ends[2]!.rows).toBe(WAITED);
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);
});

describe('the build at rest', () => {
  it('pauses between chunks while the user works, and goes on when the page asks', async () => {
    const events: ChunkEvent[] = [];
    // The engine's clock stands still: the user worked at 0 and it is never quiet for 40 ms,
    // however late this process gets the processor. (It read the real clock while a timer
    // said the user works every 5 ms: one stall of 40 ms between two ticks, a collection or
    // a busy machine, let a chunk through.)
    let readsOfTheClock = 0;
    const engine = await neverSeen({
      onChunk: (e) => events.push(e),
      userQuietMs: 40,
      clock: () => {
        readsOfTheClock += 1;
        return 0;
      },
    });
    engine.userActive();
    try {
      const building = engine.warm(NOW, true);
      // The build looked at the quiet time, waited and looked again: it paused.
      const before = readsOfTheClock;
      for (let i = 0; i < 300 && readsOfTheClock < before + 3; i += 1) await sleep(10);
      expect(readsOfTheClock).toBeGreaterThanOrEqual(before + 3);
      // The user works: no chunk read.
      expect(events).toEqual([]);
      // The page asks (a visit): it waits for these rows, so the build no longer waits.
      const visit = engine.load(NOW, 'deals');
      expect(await building).toBe('built');
      await visit;
      expect(events.length).toBeGreaterThan(0);
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('builds with no snapshot, and leaves a later window the snapshot and the figures it opens with', async () => {
    const engine = await neverSeen();
    try {
      expect(await engine.warm(NOW, true)).toBe('built');
      // What the worker does next: the page's filter computed (kept for a later window).
      engine.compute(NO_REPORT_FILTER);
      await engine.saveSnapshot();
    } finally {
      engine.stop();
    }
    const later = createReportEngine(db, undefined, { snapshots: store, saveIdleMs: 60_000 });
    try {
      expect(await later.keptResult(NOW, NO_REPORT_FILTER)).not.toBeNull();
      expect((await later.load(NOW, 'all')).snapshot).toBe('restored');
      expect(await tablesOf(later)).toEqual(await freshTables());
    } finally {
      later.stop();
    }
  }, 60_000);

  it('without build, a warm-up with no snapshot reads nothing (as before)', async () => {
    const events: ChunkEvent[] = [];
    const engine = await neverSeen({ onChunk: (e) => events.push(e) });
    try {
      expect(await engine.warm(NOW)).toBe('missing');
      expect(events).toEqual([]);
      // Asked again with build (the app rested since): builds.
      expect(await engine.warm(NOW, true)).toBe('built');
      expect(events.length).toBeGreaterThan(0);
      // Rows kept: a build at rest brings them up to date (a new day), reading no table whole.
      events.length = 0;
      expect(await engine.warm(NOW, true)).toBe('kept');
      expect(events).toEqual([]);
    } finally {
      engine.stop();
    }
  }, 60_000);
});

describe('while the people are read (a million customers: minutes)', () => {
  it('a page asking for the deal figures gets them at once, not after the read', async () => {
    const log: string[] = [];
    let asked: Promise<unknown> | null = null;
    let view: ReturnType<ReportEngine['compute']> | null = null;
    const engine: ReportEngine = await neverSeen({
      onChunk: (e) => {
        log.push(`${e.phase} ${e.source} ${e.index}`);
        if (e.source === 'customers' && e.index === 1 && e.phase === 'start' && !asked)
          asked = engine.load(NOW, 'deals').then((summary) => {
            log.push('deals answered');
            view = engine.compute(NO_REPORT_FILTER);
            return summary;
          });
      },
    });
    try {
      expect(await engine.warm(NOW, true)).toBe('built');
      await asked;
      const answered = log.indexOf('deals answered');
      // Answered before the chunk in progress ended, long before the people's last chunk.
      expect(answered).toBeGreaterThan(log.indexOf('start customers 1'));
      expect(answered).toBeLessThan(log.indexOf('end customers 1'));
      expect(answered).toBeLessThan(log.lastIndexOf('end customers 2'));
      // The deal sections computed, the people's said to be on their way.
      const shown = view as ReturnType<ReportEngine['compute']> | null;
      expect(shown?.ok).toBe(true);
      if (!shown?.ok) return;
      expect(shown.pending).toEqual(['team', 'engagement', 'audience']);
      const sections = new Set(shown.tables.map((t) => t.id.split('-')[0]));
      expect([...sections].sort()).toEqual(['pipeline', 'revenue']);
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('after a write announced, the deal figures wait for the rows that include it', async () => {
    const deals = createDealService(db);
    const first = (await db.event_deals.orderBy('id').first())!;
    const log: string[] = [];
    let asked: Promise<{ rows: number }> | null = null;
    const engine: ReportEngine = await neverSeen({
      onChunk: (e) => {
        log.push(`${e.phase} ${e.source} ${e.index}`);
        if (e.source === 'customers' && e.index === 1 && e.phase === 'start' && !asked)
          asked = deals
            .update(first.id, { amount_minor: first.amount_minor + 7 })
            .then(() => engine.load(NOW, 'deals'))
            .then((summary) => {
              log.push('deals answered');
              return summary;
            });
      },
    });
    try {
      expect(await engine.warm(NOW, true)).toBe('built');
      const summary = await asked!;
      // Through the queue: after the build's read, with the written deal read by key.
      expect(log.indexOf('deals answered')).toBeGreaterThan(log.lastIndexOf('end customers 1'));
      expect(summary.rows).toBeGreaterThan(0);
      expect(await tablesOf(engine)).toEqual(await freshTables());
    } finally {
      engine.stop();
    }
  }, 60_000);

  it('says how far the read is: tables read with their rows, and the rows read so far', async () => {
    const seen: ReturnType<ReportEngine['progress']>[] = [];
    let customerRows = 0;
    const engine: ReportEngine = await neverSeen({
      onChunk: (e) => {
        if (e.source === 'customers' && e.phase === 'end') customerRows += e.rows!;
        if (e.source === 'customers' && e.index === 2 && e.phase === 'end') {
          const now = engine.progress();
          seen.push(now);
          expect(now.sources.find((s) => s.source === 'customers')).toEqual({
            source: 'customers',
            rows: customerRows,
            done: false,
          });
        }
      },
    });
    try {
      expect(engine.progress().reading).toBe(false);
      expect(await engine.warm(NOW, true)).toBe('built');
      const during = seen[0]!;
      expect(during.reading).toBe(true);
      for (const name of ['deals', 'history', 'participants', 'members'] as const) {
        const rows = await db.table(SOURCE_TABLES[name].table).count();
        expect(during.sources.find((s) => s.source === name)).toEqual({
          source: name,
          rows,
          done: true,
        });
      }
      expect(during.sources.find((s) => s.source === 'tasks')).toEqual({
        source: 'tasks',
        rows: 0,
        done: false,
      });
      const after = engine.progress();
      expect(after.reading).toBe(false);
      expect(after.sources.every((s) => s.done)).toBe(true);
      const customers = await db.table(SOURCE_TABLES.customers.table).count();
      expect(after.sources.find((s) => s.source === 'customers')!.rows).toBe(customers);
    } finally {
      engine.stop();
    }
  }, 60_000);
});

describe('the progress in words', () => {
  const format = (n: number) => n.toLocaleString('en-US');
  it('counts tables read and rows read so far, names the table being read, and says nothing when done', () => {
    const sources = [
      { source: 'deals', rows: 50_000, done: true },
      { source: 'history', rows: 120_000, done: true },
      { source: 'customers', rows: 340_000, done: false },
      { source: 'tasks', rows: 0, done: false },
    ];
    expect(readProgressWords(sources, true, format)).toEqual({
      summary: '2 of 4 tables read, 510,000 rows so far',
      now: 'reading customers: 340,000 rows so far',
    });
    const between = sources.map((s) => (s.source === 'customers' ? { ...s, done: true } : s));
    expect(readProgressWords(between, true, format)?.now).toBeNull();
    expect(readProgressWords(sources, false, format)).toBeNull();
    const all = sources.map((s) => ({ ...s, done: true }));
    expect(readProgressWords(all, true, format)).toBeNull();
  });
});

describe('the rest rule', () => {
  it('rests after REST_MS without input or write, counted from the later of the two', () => {
    expect(restedFor(10_000, 4_000, 6_000)).toBe(4_000);
    expect(restWait(10_000, 4_000, 8_000)).toBe(REST_MS - 2_000);
    expect(restWait(10_000, 1_000, 2_000)).toBe(0);
    expect(restWait(10_000, 10_000, 0)).toBe(REST_MS);
  });

  it('makes figures due once per local day', () => {
    expect(figuresDue(null, '2026-12-7')).toBe(true);
    expect(figuresDue('2026-12-4', '2026-12-7')).toBe(true);
    expect(figuresDue('2026-12-7', '2026-12-7')).toBe(false);
  });
});
