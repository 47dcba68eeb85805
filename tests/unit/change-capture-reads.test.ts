/**
 * Change capture copies the rows a read-write transaction reads (to diff the writes that
 * follow without reading again), and only where such a write can use them: not in read-only
 * transactions, not once the transaction is known not to capture (sync not configured).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { capturingDb, freshDb } from './helpers';

async function seeded(db: CrmDatabase): Promise<string[]> {
  await createDemoDataService(db).seed(40, { chunkSize: 40 });
  return (await db.customer_profiles.toCollection().primaryKeys()) as string[];
}

/** structuredClone calls made while `body` runs. */
async function clonesDuring(body: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(globalThis, 'structuredClone');
  try {
    await body();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('change capture remembers reads only where a write can use them', () => {
  afterEach(() => vi.restoreAllMocks());

  it('copies nothing a read-only transaction reads', async () => {
    const db = await capturingDb();
    const ids = await seeded(db);
    const readOnly = await clonesDuring(() =>
      db.transaction('r', db.customer_profiles, () => db.customer_profiles.bulkGet(ids)),
    );
    const readWrite = await clonesDuring(() =>
      db.transaction('rw', db.customer_profiles, () => db.customer_profiles.bulkGet(ids)),
    );
    // Capturing and read-write: one copy per row read (beyond whatever the store itself does).
    expect(readWrite - readOnly).toBeGreaterThanOrEqual(ids.length);
  });

  it('copies nothing once the transaction is known not to capture', async () => {
    const db = freshDb();
    const ids = await seeded(db);
    const [first] = ids;
    if (!first) throw new Error('setup failed');
    const dormant = await clonesDuring(() =>
      db.transaction('rw', db.customer_profiles, async () => {
        // A write first: the transaction has read sync_state and knows capture is dormant.
        await db.customer_profiles.update(first, { notes: 'x' });
        await db.customer_profiles.bulkGet(ids);
      }),
    );
    const capturing = await capturingDb();
    const capturedIds = await seeded(capturing);
    const [other] = capturedIds;
    if (!other) throw new Error('setup failed');
    const captured = await clonesDuring(() =>
      capturing.transaction('rw', capturing.customer_profiles, async () => {
        await capturing.customer_profiles.update(other, { notes: 'x' });
        await capturing.customer_profiles.bulkGet(capturedIds);
      }),
    );
    expect(captured - dormant).toBeGreaterThanOrEqual(capturedIds.length);
  });
});
