/**
 * Migration 7 on a database left at migration 6, with rows of two workspaces stored under
 * their 36-character id: each workspace gets its own key, every row moves under it unchanged,
 * the indexes are keyed by it, the customers view answers as before, a pull answers each
 * workspace its own rows only, and a push merges into a row stored before. On PGlite, and on
 * a database of its own in PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createToken, createWorkspace } from '../../server/src/auth';
import type { Database } from '../../server/src/db';
import { migrate } from '../../server/src/migrations';
import { databaseAtMigration, hlcAt } from './harness';
import { pullFrom, pushTo } from './requests';

let db: Database;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await databaseAtMigration(6, 'm7'));
});
afterAll(async () => {
  await drop?.();
});

type Stored = {
  table: string;
  id: string;
  data: Record<string, unknown>;
  clock: string | null;
  clocks: Record<string, string>;
  version: number;
};

const t = Date.now() - 60_000;

/** Rows of one workspace as migration 6's server stored them. */
function rowsOf(tag: string): Stored[] {
  return [
    {
      table: 'customer_profiles',
      id: `${tag}-c1`,
      data: { first_name: `Ana ${tag}`, last_name: 'Lima', tags: ['vip'], deleted: 0 },
      clock: hlcAt(t, 'a'),
      clocks: { last_name: hlcAt(t + 5, 'b') },
      version: 1,
    },
    {
      table: 'customer_emails',
      id: `${tag}-e1`,
      data: { customer_id: `${tag}-c1`, address: `ana@${tag}.io`, is_primary: 1, deleted: 0 },
      clock: hlcAt(t, 'a'),
      clocks: {},
      version: 1,
    },
    {
      table: 'team_members',
      id: `${tag}-m1`,
      data: { name: 'Ben', deleted: 0 },
      clock: null,
      clocks: { name: hlcAt(t, 'a'), deleted: hlcAt(t, 'a') },
      version: 2,
    },
  ];
}

async function storeAtMigration6(workspaceId: string, rows: Stored[]): Promise<void> {
  for (const row of rows)
    await db.query(
      `INSERT INTO ${row.table} (workspace_id, id, data, clock, clocks, deleted, version)
       VALUES ($1, $2, $3, $4, $5, false, $6)`,
      [
        workspaceId,
        row.id,
        JSON.stringify(row.data),
        row.clock,
        JSON.stringify(row.clocks),
        row.version,
      ],
    );
  await db.query('UPDATE workspaces SET version = 2 WHERE id = $1', [workspaceId]);
}

const VIEW = `SELECT customer_id, display_name, primary_email, tags FROM customers_crm_v
  WHERE workspace_id = $1 ORDER BY customer_id`;

describe("migration 7: product rows keyed by the workspace's small integer key", () => {
  it('moves every row under its workspace key, unchanged, and keeps workspaces apart', async () => {
    const a = await createWorkspace(db, 'Agency A');
    const b = await createWorkspace(db, 'Agency B');
    const tokenA = (await createToken(db, a, 'Ana')).token;
    const tokenB = (await createToken(db, b, 'Bea')).token;
    await storeAtMigration6(a, rowsOf('a'));
    await storeAtMigration6(b, rowsOf('b'));
    const viewBefore = await db.query(VIEW, [a]);
    expect(viewBefore).toEqual([
      { customer_id: 'a-c1', display_name: 'Ana a Lima', primary_email: 'ana@a.io', tags: ['vip'] },
    ]);

    expect(await migrate(db, 7)).toEqual([7]);

    const keys = await db.query<{ id: string; key: number }>(
      'SELECT id, key FROM workspaces WHERE id = ANY($1::text[])',
      [[a, b]],
    );
    expect(keys).toHaveLength(2);
    expect(new Set(keys.map((row) => row.key)).size).toBe(2);
    // A workspace made after the migration gets a key of its own too.
    const c = await createWorkspace(db, 'Agency C');
    const [cKey] = await db.query<{ key: number }>('SELECT key FROM workspaces WHERE id = $1', [c]);
    expect(keys.map((row) => row.key)).not.toContain(cKey?.key);

    // No product table keeps the id column; each is keyed and indexed by workspace_key.
    const idColumns = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE column_name = 'workspace_id' AND table_schema = 'public' AND table_name = ANY($1::text[])`,
      [['customer_profiles', 'customer_emails', 'team_members', 'duplicate_dismissals']],
    );
    expect(idColumns).toEqual([]);
    const indexes = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'customer_emails' ORDER BY indexname`,
    );
    expect(indexes.map((index) => index.indexdef.replace(/^.* USING btree /, ''))).toEqual([
      "(workspace_key, ((data ->> 'customer_id'::text)))",
      '(workspace_key, id)',
      '(workspace_key, version, id)',
    ]);

    // The view answers as before, by workspace id.
    expect(await db.query(VIEW, [a])).toEqual(viewBefore);

    // A pull answers each workspace its own rows, exactly as they were stored.
    const app = createApp(db, { log: () => undefined });
    for (const [token, tag] of [
      [tokenA, 'a'],
      [tokenB, 'b'],
    ] as const) {
      const pulled = await pullFrom(app, token);
      expect(
        pulled.rows
          .map((row) => ({ table: row.table, id: row.row_id, data: row.data, v: row.version }))
          .sort((x, y) => x.id.localeCompare(y.id)),
      ).toEqual(
        rowsOf(tag)
          .map((row) => ({ table: row.table, id: row.id, data: row.data, v: row.version }))
          .sort((x, y) => x.id.localeCompare(y.id)),
      );
      const member = pulled.rows.find((row) => row.table === 'team_members');
      expect(member?.clocks).toEqual({ name: hlcAt(t, 'a'), deleted: hlcAt(t, 'a') });
    }

    // A push merges into a row stored before the migration: a later clock wins its field,
    // an earlier one loses; the other workspace's row of the same shape is untouched.
    const pushed = await pushTo(app, tokenA, 'client-m7-0001', 1, [
      {
        table: 'customer_profiles',
        row_id: 'a-c1',
        op: 'put',
        fields: { first_name: 'Ana Maria', last_name: 'Old' },
        hlc: hlcAt(t + 2, 'c'),
      },
    ]);
    expect(pushed.status).toBe(200);
    const [profile] = (await pullFrom(app, tokenA)).rows.filter((row) => row.row_id === 'a-c1');
    expect(profile?.data).toEqual({
      first_name: 'Ana Maria',
      last_name: 'Lima',
      tags: ['vip'],
      deleted: 0,
    });
    const [other] = (await pullFrom(app, tokenB)).rows.filter((row) => row.row_id === 'b-c1');
    expect(other?.data.first_name).toBe('Ana b');
  });

  it('a push whose changes set no field of any row is still applied (no row part, the key unused)', async () => {
    await migrate(db); // when run alone
    const workspaceId = await createWorkspace(db, 'Agency D');
    const { token } = await createToken(db, workspaceId, 'Dee');
    const app = createApp(db, { log: () => undefined });
    const empty = { table: 'team_members', row_id: 'd-m1', op: 'put', fields: {}, hlc: hlcAt(t) };
    const pushed = await pushTo(app, token, 'client-m7-0002', 1, [empty]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.applied_through).toBe(1);
    expect((await pullFrom(app, token)).rows).toEqual([]);
  });
});
