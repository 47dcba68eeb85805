/**
 * The common push in one statement (server/src/push-write.ts, writePushInOneStatement): a
 * push right after the client's last one is a single statement with no transaction around
 * it; every other push (a first push, a retry, an overlap, a gap, another token's client id)
 * leaves that statement without effect and runs step by step. On PostgreSQL: it waits for
 * the workspace row lock of a push holding an uncommitted version, and a puller in between
 * skips nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createToken, revokeToken } from '../../server/src/auth';
import type { Database } from '../../server/src/db';
import { postgresDatabase } from '../../server/src/db';
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

/** The database with its statements written down: outside a transaction, and transactions. */
function counting(db: Database) {
  const seen = { statements: [] as string[], transactions: 0 };
  const counted: Database = {
    ...db,
    query: (text, params, options) => {
      seen.statements.push(text.replace(/\s+/g, ' ').trim());
      return db.query(text, params, options);
    },
    transaction: (work) => {
      seen.transactions += 1;
      return db.transaction(work);
    },
  };
  return { counted, seen };
}

const versionOf = async (workspaceId: string) =>
  Number(
    (
      await server.db.query<{ version: number }>('SELECT version FROM workspaces WHERE id = $1', [
        workspaceId,
      ])
    )[0]?.version,
  );

describe('the common push in one statement', () => {
  it('a push right after the last one: one statement with its token, no transaction (a plain INSERT of new rows, an upsert once a row exists); the rows carry its version', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    // The first push of a client has no progress row yet: step by step.
    const { counted, seen } = counting(server.db);
    const app = createApp(counted, { log: () => undefined });
    expect(
      (await pushTo(app, token, 'client-one-0001', 1, [put('m1', { name: 'Ana' }, hlcAt(t))]))
        .status,
    ).toBe(200);
    expect(seen.transactions).toBe(1);

    // New rows only: one statement, no transaction, a plain INSERT (no ON CONFLICT).
    seen.statements.length = 0;
    seen.transactions = 0;
    const fresh = await pushTo(app, token, 'client-one-0001', 2, [
      put('m2', { name: 'Ben' }, hlcAt(t, 'node1', 1)),
    ]);
    expect(fresh.body).toMatchObject({ applied_through: 2, version: 2, duplicate: false });
    expect(seen.transactions).toBe(0);
    expect(seen.statements).toHaveLength(1);
    expect(seen.statements[0]).toMatch(/INSERT INTO team_members \(/);
    expect(seen.statements[0]).not.toMatch(/ON CONFLICT/);

    // A stored row among them: the plain INSERT fails and writes nothing (no version taken),
    // the same statement runs again as an upsert.
    seen.statements.length = 0;
    const answer = await pushTo(app, token, 'client-one-0001', 3, [
      put('m3', { name: 'Cy' }, hlcAt(t, 'node1', 2)),
      put('m1', { name: 'Ana B.' }, hlcAt(t, 'node1', 3)),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ applied_through: 4, version: 3, duplicate: false });
    expect(seen.transactions).toBe(0);
    expect(seen.statements).toHaveLength(2);
    expect(seen.statements[0]).not.toMatch(/ON CONFLICT/);
    // One statement in all: the token checked (and the device seen) by the statement that writes.
    expect(seen.statements[1]).toMatch(/^WITH principal AS \( SELECT .* FROM api_tokens\b/);
    expect(seen.statements[1]).toMatch(/client AS \( UPDATE sync_clients\b/);
    expect(seen.statements[1]).toMatch(/INSERT INTO team_members AS t .* ON CONFLICT/);
    expect(seen.statements[1]).toMatch(/INSERT INTO sync_batches\b/);

    // Its client's next pushes upsert at once: one statement.
    seen.statements.length = 0;
    const again = await pushTo(app, token, 'client-one-0001', 5, [
      put('m1', { name: 'Ana C.' }, hlcAt(t, 'node1', 4)),
    ]);
    expect(again.body).toMatchObject({ applied_through: 5, version: 4, duplicate: false });
    expect(seen.statements).toHaveLength(1);
    expect(seen.statements[0]).toMatch(/ON CONFLICT/);

    const rows = await server.db.query<{ id: string; version: number; name: string }>(
      `SELECT id, version, data->>'name' AS name FROM team_members
       WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id`,
      [workspaceId],
    );
    expect(rows.map((row) => [row.id, Number(row.version), row.name])).toEqual([
      ['m1', 4, 'Ana C.'],
      ['m2', 2, 'Ben'],
      ['m3', 3, 'Cy'],
    ]);
    expect(await versionOf(workspaceId)).toBe(4);
    const [client] = await server.db.query<{ last_seq: number }>(
      'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, 'client-one-0001'],
    );
    expect(Number(client?.last_seq)).toBe(5);

    // Its digests were recorded (the retried statement's too): the same retry is a
    // duplicate, a changed one is refused.
    const same = await pushTo(app, token, 'client-one-0001', 3, [
      put('m3', { name: 'Cy' }, hlcAt(t, 'node1', 2)),
      put('m1', { name: 'Ana B.' }, hlcAt(t, 'node1', 3)),
    ]);
    expect(same.body).toMatchObject({ applied_through: 5, version: 4, duplicate: true });
    const changed = await pushTo(app, token, 'client-one-0001', 2, [
      put('m2', { name: 'Other' }, hlcAt(t, 'node1', 1)),
    ]);
    expect(changed.status).toBe(409);
    expect(await versionOf(workspaceId)).toBe(4);
  });

  it('a revoked token: the one statement writes nothing and the push is told 401 (revoked) at once', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    const first = await pushTo(server.app, token, 'client-one-0003', 1, [
      put('m1', { name: 'Ana' }, hlcAt(t)),
    ]);
    expect(first.status).toBe(200);
    await revokeToken(server.db, token);
    // The client's next push is the one-statement kind (right after its last one).
    const refused = await call<{ error: { code: string; details?: unknown } }>(
      server.app,
      token,
      'POST',
      '/v1/push',
      {
        client_id: 'client-one-0003',
        first_seq: 2,
        changes: [put('m2', { name: 'Ben' }, hlcAt(t))],
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: 'unauthorized',
      details: { reason: 'revoked' },
    });
    expect(await versionOf(workspaceId)).toBe(1);
    const [client] = await server.db.query<{ last_seq: number }>(
      'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, 'client-one-0003'],
    );
    expect(Number(client?.last_seq)).toBe(1);
  });

  it('a gap, another token, a bad change and a clock ahead: the one statement writes nothing, the answer is as before', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    expect(
      (
        await pushTo(server.app, token, 'client-one-0002', 1, [
          put('m1', { name: 'Ana' }, hlcAt(t)),
        ])
      ).status,
    ).toBe(200);
    const gap = await pushTo(server.app, token, 'client-one-0002', 5, [
      put('m2', { name: 'Ben' }, hlcAt(t)),
    ]);
    expect(gap.status).toBe(409);
    const other = await createToken(server.db, workspaceId, 'Other laptop');
    const taken = await pushTo(server.app, other.token, 'client-one-0002', 2, [
      put('m2', { name: 'Ben' }, hlcAt(t)),
    ]);
    expect(taken.status).toBe(403);
    const bad = await pushTo(server.app, token, 'client-one-0002', 2, [
      put('m2', { name: 7 }, hlcAt(t)),
    ]);
    expect(bad.status).toBe(422);
    const ahead = await pushTo(server.app, token, 'client-one-0002', 2, [
      put('m2', { name: 'Ben' }, hlcAt(t + 60 * 60_000)),
    ]);
    expect(ahead.status).toBe(422);
    expect(await versionOf(workspaceId)).toBe(1);
    const [client] = await server.db.query<{ last_seq: number }>(
      'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, 'client-one-0002'],
    );
    expect(Number(client?.last_seq)).toBe(1);
    const { rows } = await pullFrom(server.app, token);
    expect(rows.map((row) => row.row_id)).toEqual(['m1']);
  });
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

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

describe.skipIf(!process.env.DATABASE_URL)(
  'the one-statement push between others (PostgreSQL)',
  () => {
    it('waits for the version of an uncommitted push, takes the next one, and a puller in between skips nothing', async () => {
      const { token } = await newWorkspace(server);
      const t = Date.now();
      // Client A has pushed before, so its next push is the one statement.
      expect(
        (await pushTo(server.app, token, 'client-A-one', 1, [put('a0', { name: 'A0' }, hlcAt(t))]))
          .status,
      ).toBe(200);
      const held = gate();
      const reached = gate();
      let version = 0;
      const slowDb = postgresDatabase(process.env.DATABASE_URL as string);
      const slowApp = createApp(slowDb, {
        log: () => undefined,
        pushHooks: {
          async afterVersion(_tx, v) {
            version = v;
            reached.open();
            await held.opened;
          },
        },
      });
      try {
        // B takes version v step by step and stalls before committing.
        const pushB = pushTo(slowApp, token, 'client-B-one', 1, [
          put('b1', { name: 'B' }, hlcAt(t)),
        ]);
        await reached.opened;
        // A's one statement waits for the workspace row (B holds it) and shows nothing yet.
        const pushA = pushTo(server.app, token, 'client-A-one', 2, [
          put('a1', { name: 'A1' }, hlcAt(t)),
        ]);
        expect(await someoneWaitsForALock(server.db)).toBe('waiting');
        const before = await call<{ changes: { row_id: string }[]; cursor: string }>(
          server.app,
          token,
          'GET',
          '/v1/pull',
        );
        expect(before.body.changes.map((row) => row.row_id)).toEqual(['a0']);
        held.open();
        const [b, a] = await Promise.all([pushB, pushA]);
        expect(b.status).toBe(200);
        expect(a.status).toBe(200);
        expect(b.body.version).toBe(version);
        expect(a.body.version).toBe(version + 1);
        // From where the puller stopped: B's row, then A's, none skipped.
        const after = await pullFrom(server.app, token, before.body.cursor);
        expect(after.rows.map((row) => row.row_id)).toEqual(['b1', 'a1']);
      } finally {
        held.open();
        await slowDb.close();
      }
    });
  },
);
