/**
 * Migration 6 on a database left at migration 5 with rows stored the old way (every field's
 * clock in `clocks`, no row clock, the workspace foreign key): nothing is rewritten, a pull
 * answers those rows exactly as before, pushes merge into them by wins(), and the foreign key
 * is gone. On PGlite, and on a database of its own in PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createToken, createWorkspace } from '../../server/src/auth';
import type { Database } from '../../server/src/db';
import { MIGRATIONS, migrate } from '../../server/src/migrations';
import type { StoredRow } from '../../server/src/push-write';
import { mergeChange } from '../../server/src/push-write';
import type { SyncChange } from '../../src/shared/sync/protocol';
import { databaseAtMigration, hlcAt } from './harness';
import { pullFrom, pushTo } from './requests';

let db: Database;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await databaseAtMigration(5, 'm6'));
});
afterAll(async () => {
  await drop?.();
});

describe('migration 6: a row clock, no per-row foreign key', () => {
  it('keeps rows stored before it readable and mergeable, unchanged until a push wins a field', async () => {
    const workspaceId = await createWorkspace(db, 'Agency');
    const { token } = await createToken(db, workspaceId, 'Ana');
    const t = Date.now() - 60_000;
    // Two rows as migration 5's server stored them: every field with its own clock.
    const old: StoredRow[] = [
      {
        id: 'm1',
        data: { name: 'Ana', email: 'a@x.io', active: 1, deleted: 0 },
        clocks: {
          name: hlcAt(t, 'a'),
          email: hlcAt(t + 5, 'b'),
          active: hlcAt(t, 'a'),
          deleted: hlcAt(t, 'a'),
        },
      },
      {
        id: 'm2',
        data: { name: 'Ben', deleted: 1 },
        clocks: { name: hlcAt(t, 'a'), deleted: hlcAt(t + 9, 'c') },
      },
    ];
    for (const [version, row] of old.entries())
      await db.query(
        `INSERT INTO team_members (workspace_id, id, data, clocks, deleted, version)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          workspaceId,
          row.id,
          JSON.stringify(row.data),
          JSON.stringify(row.clocks),
          row.data.deleted === 1,
          version + 1,
        ],
      );
    await db.query('UPDATE workspaces SET version = 2 WHERE id = $1', [workspaceId]);

    // Migrations 7 (rows keyed by the workspace's key) and 8 (the pull index without the id)
    // follow; the server code needs them.
    expect(await migrate(db)).toEqual([6, 7, 8]);
    expect(MIGRATIONS.at(-1)?.id).toBe(8);
    const stillThere = await db.query<{ clock: string | null; clocks: Record<string, string> }>(
      'SELECT clock, clocks FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id',
      [workspaceId],
    );
    expect(stillThere).toEqual(old.map((row) => ({ clock: null, clocks: row.clocks })));
    const app = createApp(db, { log: () => undefined });
    const before = await pullFrom(app, token);
    expect(
      before.rows.map((row) => ({ id: row.row_id, data: row.data, clocks: row.clocks })),
    ).toEqual(old);

    // Pushes over the old rows: some fields win, some lose, a new row arrives.
    const changes: SyncChange[] = [
      {
        table: 'team_members',
        row_id: 'm1',
        op: 'put',
        fields: { name: 'Ana Lima', email: 'old@x.io' },
        hlc: hlcAt(t + 2, 'b'),
      },
      {
        table: 'team_members',
        row_id: 'm2',
        op: 'put',
        fields: { deleted: 0, name: 'Ben B' },
        hlc: hlcAt(t + 20, 'a'),
      },
      {
        table: 'team_members',
        row_id: 'm3',
        op: 'put',
        fields: { name: 'Cy', active: 1 },
        hlc: hlcAt(t + 3, 'a'),
      },
      { table: 'team_members', row_id: 'm1', op: 'delete', fields: null, hlc: hlcAt(t + 30, 'c') },
    ];
    const reference = new Map(old.map((row) => [row.id, structuredClone(row)]));
    for (const change of changes) {
      const row = reference.get(change.row_id) ?? { id: change.row_id, data: {}, clocks: {} };
      mergeChange(row, change);
      reference.set(change.row_id, row);
    }
    expect((await pushTo(app, token, 'client-m6-0001', 1, changes)).status).toBe(200);
    const after = await pullFrom(app, token);
    expect(
      Object.fromEntries(
        after.rows.map((row) => [
          row.row_id,
          { id: row.row_id, data: row.data, clocks: row.clocks },
        ]),
      ),
    ).toEqual(Object.fromEntries(reference));
    const columns = await db.query<{ id: string; deleted: boolean }>(
      'SELECT id, deleted FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id',
      [workspaceId],
    );
    expect(columns).toEqual([
      { id: 'm1', deleted: true },
      { id: 'm2', deleted: false },
      { id: 'm3', deleted: false },
    ]);

    // The per-row foreign key check is gone from every product table (api_tokens keeps its).
    const keys = await db.query<{ table: string }>(
      `SELECT conrelid::regclass::text AS table FROM pg_constraint
       WHERE contype = 'f' AND confrelid = 'workspaces'::regclass ORDER BY 1`,
    );
    const tables = keys.map((key) => key.table);
    expect(tables).toContain('api_tokens');
    for (const product of [
      'team_members',
      'customer_profiles',
      'customer_emails',
      'duplicate_dismissals',
    ])
      expect(tables).not.toContain(product);
  });
});
