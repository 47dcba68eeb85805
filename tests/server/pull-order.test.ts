/**
 * The pull-order promise: no push takes version v+1 before the push holding v has committed,
 * so a puller that has seen v+1 never misses v. On PostgreSQL two pushes really interleave;
 * PGlite is one connection (its transactions queue), so there the test checks the mechanism
 * the promise rests on, inside the push's transaction, through the push hooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import type { Database, Sql } from '../../server/src/db';
import { postgresDatabase } from '../../server/src/db';
import type { PushHooks } from '../../server/src/sync-store';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { call, pullFrom, pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Step = { sql: string } | { hook: 'beforeVersion' | 'afterVersion' };

/**
 * The database with every statement of a push's transaction written down, hooks between
 * (the hooks' own queries, made while `quiet.on`, are not the push's and are left out).
 */
function recording(db: Database, steps: Step[], quiet: { on: boolean }): Database {
  const record = (tx: Sql): Sql => ({
    exec: (text) => tx.exec(text),
    query: (text, params) => {
      if (!quiet.on) steps.push({ sql: text.replace(/\s+/g, ' ').trim() });
      return tx.query(text, params);
    },
  });
  return { ...db, transaction: (work) => db.transaction((tx) => work(record(tx))) };
}

describe('pull order: the version is taken first, under the workspace row lock held until commit', () => {
  it('inside the push: the version taken in one locking statement before any row, every row written under it', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    await pushTo(server.app, token, 'client-ord-0001', 1, [put('m0', { name: 'First' }, hlcAt(t))]);
    const steps: Step[] = [];
    const quiet = { on: false };
    const seen: Record<string, unknown> = {};
    const hooks: PushHooks = {
      async beforeVersion() {
        steps.push({ hook: 'beforeVersion' });
      },
      async afterVersion(tx, version) {
        steps.push({ hook: 'afterVersion' });
        quiet.on = true;
        const rows = await tx.query<{ id: string }>(
          'SELECT id FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id',
          [workspaceId],
        );
        // The workspace row was written by this very transaction: its lock is ours until
        // COMMIT, so any other push's version statement waits for it.
        const [mine] = await tx.query<{ ours: boolean }>(
          `SELECT xmin::text = (txid_current() % 4294967296)::text AS ours FROM workspaces WHERE id = $1`,
          [workspaceId],
        );
        seen.rowsWhenTaken = rows.map((row) => row.id);
        seen.version = version;
        seen.workspaceRowOurs = mine?.ours;
        quiet.on = false;
      },
    };
    const app = createApp(recording(server.db, steps, quiet), {
      log: () => undefined,
      pushHooks: hooks,
    });
    const answer = await pushTo(app, token, 'client-ord-0001', 2, [
      put('m1', { name: 'Ana' }, hlcAt(t)),
      put('m2', { name: 'Ben' }, hlcAt(t)),
    ]);
    expect(answer.status).toBe(200);

    // The version is taken first, with the client's progress, by the push's first statement:
    // no row is written yet...
    const before = steps.findIndex((step) => 'hook' in step && step.hook === 'beforeVersion');
    const after = steps.findIndex((step) => 'hook' in step && step.hook === 'afterVersion');
    expect(before).toBe(0);
    expect(seen.rowsWhenTaken).toEqual(['m0']);
    // ...read and written by one UPDATE in that statement, the only one touching workspaces...
    const between = steps.slice(before + 1, after);
    expect(between).toHaveLength(1);
    const taking = (between[0] as { sql: string }).sql;
    expect(taking).toMatch(/^WITH client AS \( INSERT INTO sync_clients\b/);
    expect(taking).toMatch(
      /\bUPDATE workspaces SET version = version \+ 1 WHERE id = \$1 AND .* RETURNING version\)/,
    );
    const touchingWorkspaces = steps.filter(
      (step) => 'sql' in step && /\bworkspaces\b/.test(step.sql),
    );
    expect(touchingWorkspaces).toHaveLength(1);
    // ...its row stays locked by this transaction...
    expect(seen.version).toBe(2);
    expect(seen.workspaceRowOurs).toBe(true);
    // ...after it the rows and the bookkeeping are written, by one statement...
    const later = steps.slice(after + 1).map((step) => ('sql' in step ? step.sql : step.hook));
    expect(later).toHaveLength(1);
    expect(later[0]).toMatch(/INSERT INTO team_members\b/);
    expect(later[0]).toMatch(/INSERT INTO sync_batches\b/);
    // ...and every row it wrote carries its version.
    const rows = await server.db.query<{ id: string; version: number | string }>(
      'SELECT id, version FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id',
      [workspaceId],
    );
    expect(rows.map((row) => [row.id, Number(row.version)])).toEqual([
      ['m0', 1],
      ['m1', 2],
      ['m2', 2],
    ]);
    expect(answer.body).toMatchObject({ version: 2 });
  });
});

const usesPostgres = !!process.env.DATABASE_URL;

/** Resolves once another connection of this database waits for a lock. */
async function someoneWaitsForALock(db: Database): Promise<'waiting'> {
  for (;;) {
    const [row] = await db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND a.datname = current_database()`,
    );
    if (Number(row?.n) > 0) return 'waiting';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe.skipIf(!usesPostgres)('pull order with pushes interleaving (PostgreSQL)', () => {
  it('a push cannot take v+1 while the push holding v is uncommitted; a puller in between skips nothing', async () => {
    // Two pushes through their own pool, each held once it has its version.
    const held = [gate(), gate()];
    const reached = [gate(), gate()];
    const versions: number[] = [];
    let calls = 0;
    const slowDb = postgresDatabase(process.env.DATABASE_URL as string);
    const slowApp = createApp(slowDb, {
      log: () => undefined,
      pushHooks: {
        async afterVersion(_tx, version) {
          const mine = calls;
          calls += 1;
          versions[mine] = version;
          reached[mine]?.open();
          await held[mine]?.opened;
        },
      },
    });
    try {
      const { token } = await newWorkspace(server);
      const t = Date.now();
      // A writes "r2" and takes version v, then stalls before committing.
      const pushA = pushTo(slowApp, token, 'client-A-xxxx', 1, [
        put('r2', { name: 'A' }, hlcAt(t)),
      ]);
      await reached[0]!.opened;
      // B (row "r1", which sorts first) must wait for A's version to commit.
      const pushB = pushTo(slowApp, token, 'client-B-xxxx', 1, [
        put('r1', { name: 'B' }, hlcAt(t)),
      ]);
      const first = await Promise.race([
        reached[1]!.opened.then(() => 'took a version' as const),
        someoneWaitsForALock(server.db),
      ]);
      expect(first).toBe('waiting');
      // C pulls now: nothing has committed.
      const empty = await call<{ changes: unknown[]; cursor: string }>(
        server.app,
        token,
        'GET',
        '/v1/pull',
      );
      expect(empty.body.changes).toEqual([]);
      held[0]!.open();
      expect((await pushA).status).toBe(200);
      // B now has its version and stalls; C pulls A's row.
      await reached[1]!.opened;
      const afterA = await pullFrom(server.app, token, empty.body.cursor);
      expect(afterA.rows.map((row) => row.row_id)).toEqual(['r2']);
      held[1]!.open();
      expect((await pushB).status).toBe(200);
      // C pulls from where it stopped: B's row comes after, not behind the cursor.
      const afterB = await pullFrom(server.app, token, afterA.cursor);
      expect(afterB.rows.map((row) => row.row_id)).toEqual(['r1']);
      expect(versions[1]).toBeGreaterThan(versions[0] as number);
    } finally {
      held.forEach((g) => g.open());
      await slowDb.close();
    }
  });
});
