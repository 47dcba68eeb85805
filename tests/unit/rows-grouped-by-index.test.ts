/**
 * rowsGroupedByIndex reads by ranges where keys sit together and key by key where they do not;
 * whichever way it reads, it must return exactly the rows a plain per-key query returns.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureZone, rowsGroupedByIndex } from '../../src/renderer/src/db/dbcore-helpers';
import type { DBCoreTransaction } from 'dexie';

type Row = { id: string; owner: string };

function testDb() {
  const db = new Dexie(`grouped-${Math.random()}`);
  db.version(1).stores({ items: 'id, owner' });
  return db;
}

const ownerName = (n: number) => `o${String(n).padStart(5, '0')}`;

describe('rowsGroupedByIndex', () => {
  it('returns, for every asked key, exactly its rows, for clustered and scattered keys alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        // owners 0..1999, each with 0..3 rows; the asked keys: a dense run plus scattered ones
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 50, maxLength: 2000 }),
        fc.integer({ min: 0, max: 1999 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 2500 }), { maxLength: 80 }),
        async (rowCounts, runStart, runLength, scattered) => {
          const db = testDb();
          const rows: Row[] = rowCounts.flatMap((count, owner) =>
            Array.from({ length: count }, (_, n) => ({
              id: `${owner}-${n}`,
              owner: ownerName(owner),
            })),
          );
          await db.table('items').bulkAdd(rows);
          const asked = [
            ...Array.from({ length: runLength }, (_, i) => ownerName(runStart + i)),
            ...scattered.map(ownerName),
          ];
          const grouped = await db.transaction('r', 'items', () =>
            rowsGroupedByIndex<Row>(
              (fn) => fn(),
              db.core.table('items'),
              Dexie.currentTransaction!.idbtrans as unknown as DBCoreTransaction,
              'owner',
              asked,
            ),
          );
          for (const key of new Set(asked)) {
            const expected = rows
              .filter((row) => row.owner === key)
              .map((row) => row.id)
              .sort();
            expect((grouped.get(key) ?? []).map((row) => row.id).sort()).toEqual(expected);
          }
          expect([...grouped.keys()].sort()).toEqual([...new Set(asked)].sort());
          await db.delete();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('rowsGroupedByIndex on scattered keys', () => {
  it('reads key by key after one failed range read when the keys sit among many rows', async () => {
    const db = testDb();
    // 5,000 owners with one row each; 200 asked keys spread over all of them (none present).
    await db
      .table('items')
      .bulkAdd(Array.from({ length: 5000 }, (_, n) => ({ id: `r${n}`, owner: ownerName(n * 2) })));
    const asked = Array.from({ length: 200 }, (_, i) => ownerName(i * 50 + 1));
    const counted = { values: 0 };
    const core = db.core.table('items');
    const table = {
      ...core,
      query: (req: Parameters<typeof core.query>[0]) =>
        core.query(req).then((response) => {
          if (req.values) counted.values += response.result.length;
          return response;
        }),
    };
    const grouped = await db.transaction('r', 'items', () =>
      rowsGroupedByIndex<Row>(
        captureZone(),
        table,
        Dexie.currentTransaction!.idbtrans as unknown as DBCoreTransaction,
        'owner',
        asked,
      ),
    );
    expect([...grouped.values()].every((rows) => rows.length === 0)).toBe(true);
    // The whole range holds 5,000 rows: one read of it stops at its limit (4 per key + 64),
    // and its halves are not read (they were: 1,795 values in all).
    expect(counted.values).toBeLessThanOrEqual(200 * 4 + 64 + 1);
    await db.delete();
  });
});
