/**
 * The server's PGlite in a worker thread (server/src/pglite-thread.ts) keeps the `Database`
 * door's promises: errors carry their SQLSTATE code (and the other fields), a transaction
 * rolls back when its work throws, transactions take turns, large byte parameters are moved
 * to the worker rather than copied, `close` ends the worker, and a worker that dies fails
 * every request at once (and /readyz says so) instead of leaving it hanging.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { DataDirBusy, LOCK_FILE } from '../../server/src/data-dir-lock';
import type { Database } from '../../server/src/db';
import {
  isRetryable,
  isUniqueViolation,
  jsonbBytesParam,
  jsonbParam,
  pgliteDatabase,
} from '../../server/src/db';
import { migrate } from '../../server/src/migrations';
import { createToken, createWorkspace } from '../../server/src/auth';
import { jsonLogger } from '../../server/src/log';
import { PgliteWorkerGone, nextRestartDelay, workerOf } from '../../server/src/pglite-thread';
import { hlcAt } from './harness';
import { pullFrom, pushTo, put } from './requests';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const quiet = { log: () => undefined };

let db: Database;
beforeAll(async () => {
  db = await pgliteDatabase(undefined, { thread: true });
  await db.exec('CREATE TABLE door (id text PRIMARY KEY, data jsonb)');
});
afterAll(async () => {
  await db?.close();
});

const count = async (where = 'true') =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM door WHERE ${where}`))[0]?.n;

describe('PGlite in a worker thread', () => {
  it('runs in a worker thread', () => {
    expect(db.kind).toBe('pglite');
    expect(workerOf(db)?.threadId).toBeGreaterThan(0);
  });

  it('carries an error back with its SQLSTATE code and fields, plain or prepared', async () => {
    await db.query('INSERT INTO door VALUES ($1, $2)', ['dup', null]);
    for (const prepare of [false, true]) {
      const error = (await db
        .query('INSERT INTO door VALUES ($1, $2)', ['dup', null], { prepare })
        .catch((failure: unknown) => failure)) as Error & Record<string, unknown>;
      expect(error).toBeInstanceOf(Error);
      expect(isUniqueViolation(error)).toBe(true);
      expect(error.code).toBe('23505');
      expect(error.constraint).toBe('door_pkey');
      expect(error.message).toMatch(/duplicate key value violates unique constraint/);
    }
    const syntax = (await db.query('SELEC 1').catch((failure: unknown) => failure)) as {
      code?: string;
    };
    expect(syntax.code).toBe('42601');
    // A serialization failure raised in the database is seen as retryable on this side.
    const raised = await db
      .query(
        "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$",
      )
      .catch((failure: unknown) => failure);
    expect(isRetryable(raised)).toBe(true);
  });

  it('commits a transaction, and rolls it back (rethrowing) when its work throws', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO door VALUES ($1, $2)', ['kept', null]);
      return (
        await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM door WHERE id = 'kept'")
      )[0]?.n;
    });
    expect(value).toBe(1);
    expect(await count("id = 'kept'")).toBe(1);

    const thrown = new Error('work failed');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO door VALUES ($1, $2)', ['gone', null]);
        await tx.exec("INSERT INTO door VALUES ('gone too', NULL)");
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(await count("id IN ('gone', 'gone too')")).toBe(0);

    // A failing statement inside: the error comes back with its code, nothing stays.
    const failed = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO door VALUES ($1, $2)', ['half', null]);
        await tx.query('INSERT INTO door VALUES ($1, $2)', ['dup', null]);
      })
      .catch((failure: unknown) => failure);
    expect(isUniqueViolation(failed)).toBe(true);
    expect(await count("id = 'half'")).toBe(0);
  });

  it('runs concurrent transactions one after the other, and a query after an open one', async () => {
    const events: string[] = [];
    const run = (name: string) =>
      db.transaction(async (tx) => {
        events.push(`${name} begins`);
        await tx.query('INSERT INTO door VALUES ($1, $2)', [name, null]);
        // Give the other transaction every chance to start meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 30));
        await tx.query('SELECT count(*) FROM door');
        events.push(`${name} ends`);
      });
    const outside = (async () => {
      // Sent while a transaction is open: it waits for it (one connection), and is not part of it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await db.query('INSERT INTO door VALUES ($1, $2)', ['outside', null]);
      events.push('outside done');
    })();
    await Promise.all([run('first'), run('second'), outside]);
    expect(events.slice(0, 2)).toEqual(['first begins', 'first ends']);
    const second = events.indexOf('second begins');
    expect(events[second + 1]).toBe('second ends');
    expect(await count("id IN ('first', 'second', 'outside')")).toBe(3);
  });

  it('moves a large byte parameter to the worker (no copy left behind) and stores it whole', async () => {
    const data = { rows: 'x'.repeat(100_000), name: 'Zoë 😀' };
    const large = jsonbBytesParam(new TextEncoder().encode(JSON.stringify(data)));
    const small = jsonbParam(JSON.stringify({ small: true }));
    await db.query('INSERT INTO door VALUES ($1, $2), ($3, $4)', ['large', large, 'small', small], {
      prepare: true,
    });
    expect(large.byteLength).toBe(0); // moved: the caller's view is emptied
    expect(small.byteLength).toBeGreaterThan(0); // a small one (a pooled slice) is copied
    const [row] = await db.query<{ data: unknown }>('SELECT data FROM door WHERE id = $1', [
      'large',
    ]);
    expect(row?.data).toEqual(data);
  });

  it('refuses a data folder another process holds with DataDirBusy, as on one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encore-thread-'));
    try {
      // The parent process is alive and is not this one: its lock stands.
      writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
      const refused = await pgliteDatabase(dir, { thread: true }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirBusy);
      expect((refused as DataDirBusy).pid).toBe(process.ppid);
      expect((refused as DataDirBusy).message).toMatch(/open in another process/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the worker ending', () => {
  it('close ends the worker; later requests fail at once', async () => {
    const own = await pgliteDatabase(undefined, { thread: true });
    const worker = workerOf(own);
    expect(worker).toBeDefined();
    const exited = once(worker!, 'exit');
    await own.close();
    await exited;
    await expect(own.query('SELECT 1')).rejects.toBeInstanceOf(PgliteWorkerGone);
    await expect(own.query('SELECT 1')).rejects.toThrow(/database was closed/);
  });

  it('a killed worker fails the request under way and every later one clearly, and /readyz says so, until it is back', async () => {
    // A long back-off: the worker stays dead for this test (the restart has its own below).
    const own = await pgliteDatabase(undefined, {
      thread: true,
      logger: quiet,
      restart: { firstDelayMs: 600_000, maxDelayMs: 600_000, stableMs: 0 },
    });
    await migrate(own);
    const app = createApp(own, { log: () => undefined });
    expect((await app.request('/readyz')).status).toBe(200);
    const worker = workerOf(own)!;
    const underWay = own.query('SELECT count(*) FROM generate_series(1, 3000000)');
    const inTransaction = own.transaction(async (tx) => tx.query('SELECT 1'));
    await worker.terminate();
    await expect(underWay).rejects.toBeInstanceOf(PgliteWorkerGone);
    await expect(inTransaction).rejects.toThrow(/PGlite worker thread stopped \(exit code 1\)/);
    await expect(own.query('SELECT 1')).rejects.toBeInstanceOf(PgliteWorkerGone);
    await expect(own.transaction(async () => 1)).rejects.toBeInstanceOf(PgliteWorkerGone);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      ready: false,
      reason: 'database unreachable: the PGlite worker thread stopped',
    });
    await own.close(); // closing a dead one is quiet, and cancels its restart
    await expect(own.query('SELECT 1')).rejects.toThrow(/database was closed/);
  });
});

/** Polls until `check` holds (bounded: never a timed assertion, only a give-up). */
async function until(check: () => Promise<boolean>, what: string, tries = 600): Promise<void> {
  for (let n = 0; n < tries; n += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('the worker started again', () => {
  it('a killed worker is started again on its data folder (lock released first): /readyz comes back, a push is stored, every step logged as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encore-pglite-restart-'));
    const lines: Record<string, unknown>[] = [];
    const logger = jsonLogger('debug', (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );
    const own = await pgliteDatabase(dir, {
      thread: true,
      logger,
      restart: { firstDelayMs: 10, maxDelayMs: 40, stableMs: 60_000 },
    });
    try {
      await migrate(own);
      const app = createApp(own, { log: () => undefined });
      const workspaceId = await createWorkspace(own, 'Restart');
      const { token } = await createToken(own, workspaceId, 'Ana');
      const stored = await pushTo(app, token, 'client-r', 1, [
        put('m-before', { name: 'Before' }, hlcAt(Date.now())),
      ]);
      expect(stored.status).toBe(200);
      const first = workerOf(own)!;
      const underWay = own.query('SELECT count(*) FROM generate_series(1, 3000000)');
      await first.terminate();
      // The request under way failed (the client retries it); nothing hangs.
      await expect(underWay).rejects.toBeInstanceOf(PgliteWorkerGone);
      await until(async () => (await app.request('/readyz')).status === 200, '/readyz 200');
      const second = workerOf(own)!;
      expect(second).not.toBe(first);
      // The lock names this process again (the new worker took it), and the data is kept.
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      const after = await pushTo(app, token, 'client-r', 2, [
        put('m-after', { name: 'After' }, hlcAt(Date.now())),
      ]);
      expect(after.status).toBe(200);
      const { rows } = await pullFrom(app, token);
      expect(rows.map((row) => row.row_id).sort()).toEqual(['m-after', 'm-before']);
      expect(lines.map((line) => line.msg)).toEqual([
        'pglite worker stopped',
        'pglite worker restarting',
        'pglite worker restarted',
      ]);
      expect(lines[0]).toMatchObject({ level: 'warn', generation: 1, reason: 'exit code 1' });
      expect(lines[1]).toMatchObject({ level: 'info', generation: 2, delay_ms: 10 });
      expect(lines[2]).toMatchObject({ level: 'info', generation: 2 });
      expect(typeof lines[0]!.time).toBe('string');

      // Dies again at once: the next start waits twice as long (the back-off), then is back.
      lines.length = 0;
      await second.terminate();
      await until(async () => (await app.request('/readyz')).status === 200, '/readyz 200 again');
      expect(lines[1]).toMatchObject({ msg: 'pglite worker restarting', delay_ms: 20 });
      expect(workerOf(own)).not.toBe(second);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Closed: the lock is released, and no restart follows.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('a worker that cannot start is tried again with a growing back-off, at most the bound', () => {
    const policy = { firstDelayMs: 100, maxDelayMs: 1_000, stableMs: 60_000 };
    expect(nextRestartDelay(policy, { delayMs: null, ranMs: 5 })).toBe(100);
    expect(nextRestartDelay(policy, { delayMs: 100, ranMs: 5 })).toBe(200);
    expect(nextRestartDelay(policy, { delayMs: 200, ranMs: null })).toBe(400);
    expect(nextRestartDelay(policy, { delayMs: 800, ranMs: null })).toBe(1_000);
    expect(nextRestartDelay(policy, { delayMs: 1_000, ranMs: 5 })).toBe(1_000);
    // One that ran a while before it died is started again at once.
    expect(nextRestartDelay(policy, { delayMs: 1_000, ranMs: 60_000 })).toBe(100);
  });
});
