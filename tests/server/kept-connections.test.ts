/**
 * PostgreSQL only (DATABASE_URL): `query` keeps a couple of connections out of the pool
 * (server/src/db.ts, KEPT_CONNECTIONS), so that a query is handed to its connection in the call
 * itself, not on the pool's later `nextTick` behind every microtask queued meanwhile (push n+1's
 * statement used to wait there behind n's answer and the next request's parse: docs/sync.md,
 * "Push: the serial chain"). A kept connection that fails never throws its error event, a plain
 * SQL error keeps it, and `close` gives every kept one back so that the pool ends.
 */
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/src/db';
import { isUniqueViolation, postgresDatabase } from '../../server/src/db';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('connections kept for queries (PostgreSQL)', () => {
  let db: Database | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await db?.close();
    db = undefined;
  });

  it('a query after another is handed to its connection before the call returns', async () => {
    db = postgresDatabase(url as string);
    await db.query('SELECT 1');
    const submitted = vi.spyOn(pg.Client.prototype, 'query');
    const pending = db.query<{ n: number }>('SELECT 2 AS n');
    // Synchronously: nothing else (no microtask, no nextTick) ran in between.
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(await pending).toEqual([{ n: 2 }]);
    // Two at once (the pushes a client keeps in flight): both handed over at once.
    const both = [db.query('SELECT 3'), db.query('SELECT 4')];
    await both[0];
    await both[1];
    const again = [db.query('SELECT 5'), db.query('SELECT 6')];
    expect(submitted).toHaveBeenCalledTimes(5);
    await Promise.all(again);
  });

  it('a plain SQL error keeps the connection; a connection the server ends leaves quietly', async () => {
    db = postgresDatabase(url as string);
    await db.exec('DROP TABLE IF EXISTS kept_probe; CREATE TABLE kept_probe (id text PRIMARY KEY)');
    try {
      const [{ pid } = { pid: 0 }] = await db.query<{ pid: number }>(
        'SELECT pg_backend_pid() AS pid',
      );
      await db.query("INSERT INTO kept_probe VALUES ('a')");
      const failed = await db.query("INSERT INTO kept_probe VALUES ('a')").catch((e) => e);
      expect(isUniqueViolation(failed)).toBe(true);
      const [same] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(same?.pid).toBe(pid);

      // The server ends the kept connection (a restart, an administrator): its error event is
      // caught (uncaught, it would fail this test run), and a later query gets another one.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      let other = pid;
      while (other === pid) {
        const rows = await db
          .query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
          .catch(() => [{ pid }]); // the kept one, ended before it heard so
        other = rows[0]?.pid ?? pid;
      }
      expect(other).not.toBe(pid);
    } finally {
      await db.exec('DROP TABLE IF EXISTS kept_probe');
    }
  });
});
