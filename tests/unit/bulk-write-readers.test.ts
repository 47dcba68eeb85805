// While an import or the demo seed writes, they hold a bulk-write lock (Web Locks, seen by
// every window and worker), and the app's other readers wait for its end: the search index's
// catch-up applies nothing meanwhile and everything at the end; the duplicates batcher asks the
// locks too. Node has no Web Locks, so these tests install a small stand-in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MutatedCustomers } from '../../src/renderer/src/services/crm/duplicates/mutated-customers';
import type { RefreshBatch } from '../../src/renderer/src/services/crm/duplicates/refresh-batch';
import { RefreshBatcher } from '../../src/renderer/src/services/crm/duplicates/refresh-batch';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { runSearch } from '../../src/renderer/src/services/crm/customers/search/search-runtime';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import {
  bulkWriteInProgress,
  holdBulkWriteLock,
} from '../../src/renderer/src/services/crm/import/import-locks';
import { freshDb } from './helpers';
import { detectedImport } from './import-helpers';

/** Web Locks as far as the app uses them: request holds until the callback settles; query. */
function fakeLocks() {
  const held = new Map<string, number>();
  return {
    request(name: string, callback: () => Promise<void>) {
      held.set(name, (held.get(name) ?? 0) + 1);
      return callback().finally(() => {
        const left = (held.get(name) ?? 1) - 1;
        if (left === 0) held.delete(name);
        else held.set(name, left);
      });
    },
    query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  vi.stubGlobal('navigator', { locks: fakeLocks() });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the bulk-write lock', () => {
  it('is held while the demo seed writes, and let go after', async () => {
    const db = freshDb();
    const seen: boolean[] = [];
    await createDemoDataService(db).seed(30, {
      chunkSize: 10,
      onProgress: () => void bulkWriteInProgress(db.name).then((held) => seen.push(held)),
    });
    await sleep(0);
    expect(seen).toEqual([true, true, true]);
    expect(await bulkWriteInProgress(db.name)).toBe(false);
  });

  it('is held while an import writes its chunks, and let go after', async () => {
    const db = freshDb();
    const rows = Array.from({ length: 6 }, (_, i) => `fan${i}@x.io,Fan${i},Lee`).join('\n');
    const { session } = await detectedImport(db, `Email,First Name,Last Name\n${rows}\n`, 'f.csv');
    await session.analyse();
    const seen: boolean[] = [];
    const result = await session.commit({
      fileName: 'f.csv',
      chunkSize: 2,
      onProgress: () => void bulkWriteInProgress(db.name).then((held) => seen.push(held)),
    });
    await sleep(0);
    expect(result.status).toBe('finished');
    expect(seen).toEqual([true, true, true]);
    expect(await bulkWriteInProgress(db.name)).toBe(false);
  });

  it('names its database: a bulk write elsewhere does not hold this one back', async () => {
    const release = await holdBulkWriteLock('another-db', 'seed:1');
    expect(await bulkWriteInProgress('another-db')).toBe(true);
    expect(await bulkWriteInProgress('this-db')).toBe(false);
    release();
  });
});

describe('the search index during a bulk write', () => {
  it('catches up nothing while the seed writes, then every customer at its end', async () => {
    const db = freshDb();
    const host = new SearchHost(db, openSnapshotStore(db.name));
    await host.start();
    const runtime = runSearch(db, host, {
      idleSaveMs: 60_000,
      auditMs: 60_000,
      deferTiming: { quietMs: 0, pollMs: 20, maxDeferMs: 60_000 },
    });
    try {
      // A writer that is still going after the seed's chunks (an import's later chunks).
      const release = await holdBulkWriteLock(db.name, 'import:test');
      await createDemoDataService(db).seed(40, { chunkSize: 10 });
      await sleep(150);
      // The runtime left the journal alone (a query would still catch up first).
      expect(host.diagnostics().size).toBe(0);
      release();
      await until(() => host.diagnostics().size === 40, 'the catch-up after the write');
      const listed = await db.customers_crm_v.toCollection().primaryKeys();
      const found = await host.allIds(DEFAULT_LIST_QUERY);
      expect([...found].sort()).toEqual([...listed].map(String).sort());
    } finally {
      runtime.stop();
    }
  });

  it('catches up at once after a write when nothing bulk-writes', async () => {
    const db = freshDb();
    const host = new SearchHost(db, openSnapshotStore(db.name));
    await host.start();
    const runtime = runSearch(db, host, { idleSaveMs: 60_000, auditMs: 60_000 });
    try {
      await createDemoDataService(db).seed(5, { chunkSize: 5 });
      await until(() => host.diagnostics().size === 5, 'the catch-up');
    } finally {
      runtime.stop();
    }
  });
});

describe('the duplicates batcher asks the bulk-write lock', () => {
  it('waits while another window bulk-writes, then sends every touched id once', async () => {
    const sent: RefreshBatch[] = [];
    const db = 'dupes-db';
    const batcher = new RefreshBatcher(
      async (batch) => void sent.push(batch),
      () => bulkWriteInProgress(db),
      { quietMs: 5, pollMs: 10, maxDeferMs: 60_000 },
    );
    const touched = (id: string): MutatedCustomers => ({
      ids: new Set([id]),
      emailIds: new Set(),
      phoneIds: new Set(),
      everything: false,
      dismissals: false,
    });
    const release = await holdBulkWriteLock(db, 'seed:2');
    for (const id of ['a', 'b', 'c']) {
      batcher.add(touched(id));
      await sleep(30);
    }
    expect(sent).toHaveLength(0);
    release();
    await until(() => sent.length === 1, 'the refresh after the write');
    await sleep(30);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.ids.sort()).toEqual(['a', 'b', 'c']);
  });
});
