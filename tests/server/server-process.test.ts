/**
 * The server as a process (server/src/main.ts under tsx): a wrong configuration stops it
 * before it listens, with the variable named; SIGTERM with pushes in flight lets the running
 * ones commit and answer, refuses the rest, and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../server/src/data-dir-lock';
import { pgliteDatabase, postgresDatabase } from '../../server/src/db';
import { createToken, createWorkspace } from '../../server/src/auth';
import { migrate } from '../../server/src/migrations';
import { freePort, startServerProcess } from '../sync/load/processes';
import { hlcAt } from './harness';

describe('the server process', () => {
  it('refuses to start on a wrong configuration, naming each variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'Configuration error: PORT must be a whole number from 1 to 65535 (got "eighty")',
    );
    expect(run.stderr).toContain('Configuration error: LOG_LEVEL must be one of');
    expect(run.stderr).toContain('The sync server did not start');
  });

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'SIGTERM with pushes in flight: the ones running commit and answer 200, later ones get 503 or no connection, exit 0',
    async () => {
      const db = postgresDatabase(databaseUrl as string, 2);
      await migrate(db);
      const workspaceId = await createWorkspace(db, 'Drain');
      const { token } = await createToken(db, workspaceId, 'Ana');
      const server = await startServerProcess(await freePort(), databaseUrl as string);
      const t = Date.now();
      const pushes = Array.from({ length: 8 }, (_, client) =>
        fetch(`http://127.0.0.1:${server.port}/v1/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            client_id: `client-term-${client}`,
            first_seq: 1,
            changes: Array.from({ length: 500 }, (_, i) => ({
              table: 'team_members',
              row_id: `m-${client}-${i}`,
              op: 'put',
              fields: { name: `Member ${i}` },
              hlc: hlcAt(t),
            })),
          }),
        }).then(
          (answer) => answer.status,
          () => 'no connection' as const,
        ),
      );
      // SIGTERM once a push transaction is open on the server's connections.
      for (;;) {
        const [open] = await db.query<{ n: number | string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
        );
        if (Number(open?.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      server.child.kill('SIGTERM');
      const outcomes = await Promise.all(pushes);
      expect(await server.exited).toBe(0);
      for (const outcome of outcomes) expect([200, 503, 'no connection']).toContain(outcome);
      expect(outcomes).toContain(200); // the push running at SIGTERM finished
      // Each push answered 200 is stored whole; the others stored nothing.
      for (const [client, outcome] of outcomes.entries()) {
        const [row] = await db.query<{ n: number | string }>(
          `SELECT count(*) AS n FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) AND id LIKE $2`,
          [workspaceId, `m-${client}-%`],
        );
        expect(Number(row?.n)).toBe(outcome === 200 ? 500 : 0);
      }
      await db.close();
    },
    120_000,
  );

  it('PGlite in a worker thread (SYNC_PGLITE_WORKER=1): SIGTERM with pushes in flight, every push answered 200 stored whole, the worker closed (lock released), exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encore-worker-process-'));
    try {
      const setup = await pgliteDatabase(dir, { thread: false });
      await migrate(setup);
      const workspaceId = await createWorkspace(setup, 'Drain');
      const { token } = await createToken(setup, workspaceId, 'Ana');
      await setup.close();
      const server = await startServerProcess(await freePort(), '', 120_000, {
        SYNC_DATA_DIR: dir,
        SYNC_PGLITE_WORKER: '1',
      });
      const t = Date.now();
      const pushes = Array.from({ length: 8 }, (_, client) =>
        fetch(`http://127.0.0.1:${server.port}/v1/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            client_id: `client-worker-${client}`,
            first_seq: 1,
            changes: Array.from({ length: 500 }, (_, i) => ({
              table: 'team_members',
              row_id: `m-${client}-${i}`,
              op: 'put',
              fields: { name: `Member ${i}` },
              hlc: hlcAt(t),
            })),
          }),
        }).then(
          (answer) => answer.status,
          () => 'no connection' as const,
        ),
      );
      // SIGTERM once the first push is answered: the others are running or queued.
      await Promise.race(pushes);
      server.child.kill('SIGTERM');
      const outcomes = await Promise.all(pushes);
      expect(await server.exited).toBe(0);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // the worker closed the database
      for (const outcome of outcomes) expect([200, 503, 'no connection']).toContain(outcome);
      expect(outcomes).toContain(200);
      const db = await pgliteDatabase(dir, { thread: false });
      for (const [client, outcome] of outcomes.entries()) {
        const [row] = await db.query<{ n: number | string }>(
          `SELECT count(*) AS n FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) AND id LIKE $2`,
          [workspaceId, `m-${client}-%`],
        );
        expect(Number(row?.n)).toBe(outcome === 200 ? 500 : 0);
      }
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
