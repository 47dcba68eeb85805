/**
 * The search index's rebuild reads the list rows in chunks sized by time, each chunk its own
 * read transaction (docs/search.md, "Writes during the index rebuild"): a write to the
 * customers' tables made during a rebuild waits for the chunk in progress (IndexedDB runs a
 * read-write transaction after the overlapping reads created before it; fake-indexeddb orders
 * them the same way), never for the whole read, and is in the index once it is ready. No row is
 * lost or doubled at a chunk edge, and no chunk grows past its bound however quick the reads.
 */
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { fastSeed } from '../../src/renderer/src/dev/fast-seed';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import type { RebuildChunks } from '../../src/renderer/src/services/crm/customers/search/rebuild-pace';
import {
  REBUILD_CHUNKS,
  WritePacer,
  firstChunkRows,
  nextChunkRows,
} from '../../src/renderer/src/services/crm/customers/search/rebuild-pace';
import type {
  RebuildChunkEvent,
  SearchHostOptions,
} from '../../src/renderer/src/services/crm/customers/search/search-host';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { freshDb } from './helpers';

/** Every customer of the list, once each, in the index (no row lost or doubled at an edge). */
async function expectEveryRowOnce(db: CrmDatabase, host: SearchHost) {
  const keys = (await db.customers_crm_v.orderBy(':id').primaryKeys()).map(String);
  const ids = await host.allIds(DEFAULT_LIST_QUERY);
  expect(ids.length).toBe(keys.length);
  expect([...ids].sort()).toEqual(keys);
  expect(host.diagnostics().size).toBe(keys.length);
}

async function rebuilt(db: CrmDatabase, options: SearchHostOptions) {
  const events: RebuildChunkEvent[] = [];
  const host = new SearchHost(db, openSnapshotStore(db.name), {
    ...options,
    onChunk: (event) => {
      events.push(event);
      options.onChunk?.(event);
    },
  });
  await host.start();
  expect(host.diagnostics().lastStart).toMatchObject({ kind: 'rebuild', reason: 'missing' });
  const read = events.filter((e) => e.phase === 'end').map((e) => e.rows);
  const limits = events.filter((e) => e.phase === 'start').map((e) => e.rows);
  return { host, read, limits };
}

describe('the rebuild in chunks', () => {
  it('never reads more than its bound in one read transaction, however quick the chunks', async () => {
    const db = freshDb();
    try {
      await fastSeed(db, 700, { chunkSize: 350 });
      const chunks: RebuildChunks = { targetMs: 1e9, least: 10, most: 120, first: 50 };
      const { host, read, limits } = await rebuilt(db, { chunks });
      // 50 first, then doubled up to the bound, and there it stays.
      expect(limits.slice(0, 4)).toEqual([50, 100, 120, 120]);
      for (const limit of limits) expect(limit).toBeLessThanOrEqual(120);
      for (const rows of read) expect(rows).toBeLessThanOrEqual(120);
      expect(read.reduce((a, b) => a + b, 0)).toBe(700);
      expect(host.diagnostics().lastRebuild).toMatchObject({
        chunks: read.length,
        rows: 700,
        largestChunk: 120,
      });
      await expectEveryRowOnce(db, host);
    } finally {
      db.close();
      await db.delete();
    }
  }, 60_000);

  it('shrinks to its least when chunks are slow, losing and doubling no row at the edges', async () => {
    const db = freshDb();
    try {
      await fastSeed(db, 230, { chunkSize: 230 });
      const chunks: RebuildChunks = { targetMs: 1e-9, least: 7, most: 1_000, first: 40 };
      const { host, read } = await rebuilt(db, { chunks });
      expect(read[0]).toBe(40);
      for (const rows of read.slice(1)) expect(rows).toBeLessThanOrEqual(7);
      // Each row read once: the chunks' rows add up to the list (a row read again at an edge
      // would count twice, even though the index keeps it once).
      expect(read.reduce((a, b) => a + b, 0)).toBe(230);
      await expectEveryRowOnce(db, host);
    } finally {
      db.close();
      await db.delete();
    }
  }, 60_000);

  it('a write made during the rebuild waits for one chunk at most, and is in the index', async () => {
    const db = freshDb();
    try {
      await fastSeed(db, 3_000, { chunkSize: 1_000 });
      const [id] = (await db.customers_crm_v.orderBy(':id').primaryKeys()).map(String);
      const log: string[] = [];
      let write: Promise<void> | null = null;
      // The app's defaults (REBUILD_CHUNKS): the write is issued once the first chunk's read
      // transaction exists (a microtask after its start: the transaction is made at once).
      const { host } = await rebuilt(db, {
        onChunk: (event) => {
          log.push(`${event.phase} ${event.index}`);
          if (event.index === 0 && event.phase === 'start' && !write)
            write = Promise.resolve()
              .then(() => log.push('write issued'))
              .then(() =>
                createCustomerService(db).updateProfile(id!, {
                  first_name: 'Quirinus',
                  notes: 'lighthouse keeper',
                }),
              )
              .then((result) => {
                if (!result.ok) throw new Error(JSON.stringify(result));
                log.push('write committed');
              });
        },
      });
      await write;
      const issued = log.indexOf('write issued');
      const committed = log.indexOf('write committed');
      expect(committed).toBeGreaterThan(issued);
      // At most the chunk it came during ended before it committed: never the whole read.
      const endsWaited = log.slice(issued, committed).filter((e) => e.startsWith('end '));
      expect(endsWaited.length).toBeLessThanOrEqual(1);
      const lastStart = log.map((e) => e.startsWith('start ')).lastIndexOf(true);
      expect(committed).toBeLessThan(lastStart);
      // Applied from the journal after the read: the index has the write.
      const found = await host.query(
        { ...DEFAULT_LIST_QUERY, search: 'quirinus lighthouse' },
        { offset: 0, limit: 5 },
      );
      expect(found?.ids).toEqual([id]);
      await expectEveryRowOnce(db, host);
    } finally {
      db.close();
      await db.delete();
    }
  }, 60_000);
});

describe('the chunk size', () => {
  const plan: RebuildChunks = { targetMs: 50, least: 100, most: 4_000, first: 500 };

  it("follows the last chunk's time: at most doubled, within its bounds", () => {
    expect(firstChunkRows(plan)).toBe(500);
    // Quick: doubled, never past the bound.
    expect(nextChunkRows(plan, { rows: 500, limit: 500, ms: 1 })).toBe(1_000);
    expect(nextChunkRows(plan, { rows: 4_000, limit: 4_000, ms: 1 })).toBe(4_000);
    // On the aim: what fits 50 ms.
    expect(nextChunkRows(plan, { rows: 1_000, limit: 1_000, ms: 40 })).toBe(1_250);
    // Slow (a chunk that waited seconds for IndexedDB): down to the least.
    expect(nextChunkRows(plan, { rows: 4_000, limit: 4_000, ms: 5_000 })).toBe(100);
    // The end of the list says nothing of speed.
    expect(nextChunkRows(plan, { rows: 3, limit: 800, ms: 900 })).toBe(800);
    // The app's plan is bounded.
    expect(REBUILD_CHUNKS.most).toBeLessThanOrEqual(10_000);
    expect(nextChunkRows(REBUILD_CHUNKS, { rows: 1e6, limit: 1e6, ms: 0 })).toBe(
      REBUILD_CHUNKS.most,
    );
  });
});

describe('the write pacer', () => {
  /** A clock that moves only when slept on; `onSleep` may note writes at given times. */
  function fakeClock(writesAt: number[], pacer: () => WritePacer) {
    let t = 0;
    const slept: number[] = [];
    return {
      clock: {
        now: () => t,
        sleep: async (ms: number) => {
          slept.push(ms);
          const until = t + ms;
          for (const at of writesAt)
            if (at > t && at <= until) {
              t = at;
              pacer().noteWrite();
            }
          t = until;
        },
      },
      slept,
      at: () => t,
      set: (value: number) => {
        t = value;
      },
    };
  }

  it('goes at once with no write, after quietMs of no write, and after mostMs at most', async () => {
    let pacer!: WritePacer;
    const none = fakeClock([], () => pacer);
    pacer = new WritePacer(100, 500, none.clock);
    await pacer.beforeChunk();
    expect(none.at()).toBe(0);

    // A write at 0: the chunk waits until 100 ms passed without one.
    const one = fakeClock([], () => pacer);
    pacer = new WritePacer(100, 500, one.clock);
    pacer.noteWrite();
    one.set(30);
    await pacer.beforeChunk();
    expect(one.at()).toBe(100);

    // A burst (writes every 60 ms until 240): it waits for the burst's end, then 100 ms.
    const burst = fakeClock([60, 120, 180, 240], () => pacer);
    pacer = new WritePacer(100, 500, burst.clock);
    pacer.noteWrite();
    await pacer.beforeChunk();
    expect(burst.at()).toBe(340);

    // A stream that never stops (a first sync): the chunk goes after 500 ms anyway.
    const stream = fakeClock(
      Array.from({ length: 100 }, (_, i) => (i + 1) * 50),
      () => pacer,
    );
    pacer = new WritePacer(100, 500, stream.clock);
    pacer.noteWrite();
    await pacer.beforeChunk();
    expect(stream.at()).toBe(500);
  });
});
