/**
 * The server as an operator runs it: probes, configuration checked at start, and a drain
 * that lets running pushes commit while refusing new ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { readConfig } from '../../server/src/config';
import type { Database } from '../../server/src/db';
import { createLifecycle } from '../../server/src/lifecycle';
import { MIGRATIONS } from '../../server/src/migrations';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pullFrom, pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const quiet = { log: () => undefined };

describe('probes', () => {
  it('/healthz answers while the process runs; /readyz only with the database reachable and migrated', async () => {
    const app = createApp(server.db, quiet);
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, migration: MIGRATIONS.at(-1)?.id });

    const down: Database = {
      ...server.db,
      query: () => Promise.reject(new Error('connect ECONNREFUSED')),
    };
    const unreachable = createApp(down, quiet);
    expect((await unreachable.request('/healthz')).status).toBe(200);
    const notReady = await unreachable.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, reason: 'database unreachable' });

    const behind: Database = {
      ...server.db,
      query: <Row>() => Promise.resolve([{ id: 2 }] as Row[]),
    };
    const migrating = await createApp(behind, quiet).request('/readyz');
    expect(migrating.status).toBe(503);
    expect(await migrating.json()).toEqual({
      ready: false,
      reason: `migration 2 of ${MIGRATIONS.at(-1)?.id}`,
    });
  });
});

describe('configuration from the environment', () => {
  it('defaults when nothing is set', () => {
    const read = readConfig({});
    expect(read).toMatchObject({
      ok: true,
      config: {
        port: 8787,
        host: '127.0.0.1',
        databaseUrl: undefined,
        bodyLimitBytes: 4 * 1024 * 1024,
        logLevel: 'info',
        shutdownTimeoutMs: 10_000,
        poolSize: 10,
        pgliteWorker: true,
      },
    });
  });

  it('names every wrong variable and what it accepts, never the database password', () => {
    const read = readConfig({
      PORT: '80a',
      HOST: 'bad host',
      DATABASE_URL: 'mysql://admin:hunter2@db/crm',
      BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
      LOG_LEVEL: 'loud',
      SHUTDOWN_TIMEOUT_MS: '-1',
      DB_POOL_SIZE: '0',
      SYNC_PGLITE_WORKER: 'yes',
    });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toEqual([
      'PORT must be a whole number from 1 to 65535 (got "80a")',
      'HOST must be a host name or IP address to listen on (got "bad host")',
      'DATABASE_URL must be a postgres:// or postgresql:// connection URL (value not shown)',
      'BODY_LIMIT_BYTES must be a whole number from 1024 to 4194304 (got "67108864")',
      'LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud")',
      'SHUTDOWN_TIMEOUT_MS must be a whole number from 0 to 600000 (got "-1")',
      'DB_POOL_SIZE must be a whole number from 1 to 100 (got "0")',
      'SYNC_PGLITE_WORKER must be 0 or 1 (got "yes")',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('a smaller body limit is enforced (413)', async () => {
    const { token } = await newWorkspace(server);
    const app = createApp(server.db, { ...quiet, bodyLimitBytes: 2048 });
    const big = put('m1', { name: 'x'.repeat(4000) }, hlcAt(Date.now()));
    const answer = await pushTo(app, token, 'client-limit-01', 1, [big]);
    expect(answer.status).toBe(413);
  });
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('graceful shutdown', () => {
  it('draining refuses new pushes (503) and waits for the running one to commit', async () => {
    const { token } = await newWorkspace(server);
    const lifecycle = createLifecycle();
    const reached = gate();
    const release = gate();
    const app = createApp(server.db, {
      ...quiet,
      lifecycle,
      pushHooks: {
        async afterVersion() {
          reached.open();
          await release.opened;
        },
      },
    });
    const t = Date.now();
    const running = pushTo(app, token, 'client-drain-01', 1, [
      put('m1', { name: 'Ana' }, hlcAt(t)),
    ]);
    await reached.opened;

    let drained: boolean | undefined;
    const drain = lifecycle.drain(30_000).then((result) => (drained = result));
    const refused = await pushTo(app, token, 'client-drain-02', 1, [
      put('m2', { name: 'Ben' }, hlcAt(t)),
    ]);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'unavailable' } });
    expect((await app.request('/readyz')).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBeUndefined(); // still waiting for the running push

    release.open();
    expect((await running).status).toBe(200);
    await drain;
    expect(drained).toBe(true);
    const { rows } = await pullFrom(server.app, token);
    expect(rows.map((row) => row.row_id)).toEqual(['m1']);
  });

  it('gives up after the timeout when a push never finishes', async () => {
    const lifecycle = createLifecycle();
    expect(lifecycle.enter()).toBe(true);
    expect(await lifecycle.drain(20)).toBe(false);
    expect(lifecycle.enter()).toBe(false);
  });
});
