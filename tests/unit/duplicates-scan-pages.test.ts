// The duplicates scan reads each table in pages (one request per page, each its own
// transaction), so other readers' IndexedDB requests run between them; the rows are the same as
// one whole read, in the same order, whatever the page boundary.
import Dexie from 'dexie';
import type { DBCore, DBCoreQueryRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import { readInPages } from '../../src/renderer/src/services/crm/duplicates/detector';
import { freshDb } from './helpers';

type Row = { id: string; n: number };

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
  return { table: reader.table<Row, string>('customer_profiles'), reads };
}

describe('readInPages', () => {
  it('returns every row in key order, one request of at most pageRows per page', async () => {
    const { table, reads } = await seeded(12);
    const whole = await table.toArray();
    reads.length = 0;
    const paged = await readInPages(table, 5);
    expect(paged).toEqual(whole);
    expect(reads.map((read) => read.limit)).toEqual([5, 5, 5]);
  });

  it('stops cleanly when the last page is exactly full', async () => {
    const { table, reads } = await seeded(10);
    const whole = await table.toArray();
    reads.length = 0;
    const paged = await readInPages(table, 5);
    expect(paged.map((row) => row.id)).toEqual(whole.map((row) => row.id));
    expect(paged).toHaveLength(10);
    expect(reads).toHaveLength(3);
  });

  it('reads an empty table in one request', async () => {
    const { table, reads } = await seeded(0);
    expect(await readInPages(table, 5)).toEqual([]);
    expect(reads).toHaveLength(1);
  });
});
