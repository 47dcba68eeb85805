/**
 * Migration 8 on a database left at migration 7, with rows of two workspaces: the pull
 * indexes key (workspace_key, version) without the row id, and the pull still answers every
 * row once in (version, table, id) order, pages cut inside a version included, with the right
 * total at every cursor; a page is read through the pull index. The digests are stored
 * without compression and the jsonb columns have no planner statistics. On PGlite, and on a
 * database of its own in PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createToken, createWorkspace } from '../../server/src/auth';
import type { Database } from '../../server/src/db';
import { migrate } from '../../server/src/migrations';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { databaseAtMigration, hlcAt } from './harness';
import { call, pushTo } from './requests';

let db: Database;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await databaseAtMigration(7, 'm8'));
});
afterAll(async () => {
  await drop?.();
});

const TABLES = ['customer_emails', 'customer_phones', 'customer_profiles'] as const;
const t = Date.now() - 60_000;

type Row = { table: string; id: string; version: number };

/**
 * Rows of one workspace over four versions, each version's rows inserted in descending id
 * order (so the heap's order is not the pull's), ids whose byte and linguistic orders differ.
 */
function rowsOf(tag: string): Row[] {
  const rows: Row[] = [];
  for (let version = 1; version <= 4; version += 1)
    for (const table of TABLES)
      for (const id of ['z', 'b', 'B', 'a-2', 'a_1', 'A'].slice(
        0,
        2 + ((version + table.length) % 5),
      ))
        rows.push({ table, id: `${tag}${version}${id}`, version });
  return rows;
}

async function store(workspaceId: string, rows: readonly Row[]): Promise<void> {
  const [workspace] = await db.query<{ key: number }>('SELECT key FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  for (const row of rows)
    await db.query(
      `INSERT INTO ${row.table} (workspace_key, id, data, clock, clocks, deleted, version)
       VALUES ($1, $2, $3, $4, '{}'::jsonb, false, $5)`,
      [
        workspace?.key,
        row.id,
        JSON.stringify({ customer_id: 'c', deleted: 0 }),
        hlcAt(t, 'a'),
        row.version,
      ],
    );
  await db.query('UPDATE workspaces SET version = 4 WHERE id = $1', [workspaceId]);
}

/** The pull's order: version, then table and id in byte order. */
const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pullOrder = (a: Row, b: Row) =>
  a.version - b.version || byte(a.table, b.table) || byte(a.id, b.id);

describe('migration 8: pull indexes without the row id, digests uncompressed, no jsonb statistics', () => {
  it('the pull answers every row once, in order, with the right total at every cursor', async () => {
    const a = await createWorkspace(db, 'Agency A');
    const b = await createWorkspace(db, 'Agency B');
    const tokenA = (await createToken(db, a, 'Ana')).token;
    const tokenB = (await createToken(db, b, 'Bea')).token;
    const rowsA = rowsOf('a');
    await store(a, rowsA);
    await store(b, rowsOf('b'));

    expect(await migrate(db)).toEqual([8]);

    const indexes = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'customer_emails' ORDER BY indexname`,
    );
    expect(indexes.map((index) => index.indexdef.replace(/^.* USING btree /, ''))).toEqual([
      "(workspace_key, ((data ->> 'customer_id'::text)))",
      '(workspace_key, id)',
      '(workspace_key, version)',
    ]);

    // Pages of 4 (cut inside versions), the total asked for at every cursor.
    const app = createApp(db, { log: () => undefined });
    const expected = [...rowsA].sort(pullOrder);
    const pulled: Row[] = [];
    let cursor = '';
    for (;;) {
      const query = new URLSearchParams({ limit: '4', count: '1', ...(cursor ? { cursor } : {}) });
      const page = await call<PullResponse>(app, tokenA, 'GET', `/v1/pull?${query.toString()}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(expected.length - pulled.length);
      pulled.push(
        ...page.body.changes.map((row) => ({
          table: row.table,
          id: row.row_id,
          version: row.version,
        })),
      );
      cursor = page.body.cursor;
      if (!page.body.has_more) break;
    }
    expect(pulled).toEqual(expected);
    // The other workspace's rows stay its own.
    const other = await call<PullResponse>(app, tokenB, 'GET', '/v1/pull?limit=1000');
    expect(other.body.changes).toHaveLength(rowsOf('b').length);
    expect(other.body.changes.every((row) => row.row_id.startsWith('b'))).toBe(true);

    // A push after the migration writes rows the pull finds after the cursor.
    const pushed = await pushTo(app, tokenA, 'client-m8-0001', 1, [
      {
        table: 'customer_profiles',
        row_id: 'a9',
        op: 'put',
        fields: { first_name: 'Ana' },
        hlc: hlcAt(t + 1, 'b'),
      },
    ]);
    expect(pushed.status).toBe(200);
    const after = await call<PullResponse>(app, tokenA, 'GET', `/v1/pull?count=1&cursor=${cursor}`);
    expect(after.body.changes.map((row) => [row.row_id, row.version])).toEqual([['a9', 5]]);
    expect(after.body.total).toBe(1);
  });

  it('a page is read through the pull index', async () => {
    await migrate(db); // when run alone
    // The tables are small, so forbid the sequential scan: without a usable index the plan
    // still scans the table (at a cost), which is what this test looks for.
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM customer_emails WHERE workspace_key = 1 AND version > 0
         AND (version, id) > (2, 'x') ORDER BY version, id LIMIT 2001`,
      );
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('customer_emails_pull_idx');
    expect(text).not.toContain('Seq Scan');
  });

  it('stores the digests without compression and keeps no statistics of the jsonb columns', async () => {
    await migrate(db);
    const [digests] = await db.query<{ attstorage: string }>(
      `SELECT attstorage FROM pg_attribute
       WHERE attrelid = 'sync_batches'::regclass AND attname = 'digests'`,
    );
    expect(digests?.attstorage).toBe('e');
    // The default is -1 up to PostgreSQL 16, null from 17 (PGlite).
    const targets = await db.query<{ attname: string; attstattarget: number | null }>(
      `SELECT attname, attstattarget FROM pg_attribute
       WHERE attrelid = 'customer_profiles'::regclass AND attname IN ('data', 'clocks', 'id')
       ORDER BY attname`,
    );
    expect(targets.map((row) => [row.attname, Number(row.attstattarget ?? -1)])).toEqual([
      ['clocks', 0],
      ['data', 0],
      ['id', -1],
    ]);
  });
});
