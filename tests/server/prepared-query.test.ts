/**
 * Statements run with `prepare: true` (the push's, server/src/db.ts): on PGlite a named
 * prepared statement of the database, on PostgreSQL one per connection (DATABASE_URL). They
 * give what the plain query gives, stay usable after a failure, and on PGlite never run inside
 * another caller's transaction (PGlite is one connection: a statement sent while a
 * transaction is open would be part of it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, jsonbParam } from '../../server/src/db';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // PostgreSQL's database outlives a run: the probe table of an earlier one goes first.
  await server.db.exec(
    'DROP TABLE IF EXISTS prepared_probe; CREATE TABLE prepared_probe (id text PRIMARY KEY, n bigint, data jsonb, at timestamptz)',
  );
});
afterAll(async () => {
  await server?.db.exec('DROP TABLE IF EXISTS prepared_probe');
  await server?.close();
});

const INSERT = `INSERT INTO prepared_probe (id, n, data, at)
SELECT $1, $2::bigint, $3::jsonb, $4::timestamptz
RETURNING id, n, data, at, n + 1 AS next`;

describe('prepared statements', () => {
  it('give the rows the plain query gives (text, bigint, jsonb as bytes, timestamps, null)', async () => {
    const data = { name: 'Zoë 😀 "q"', list: [1, null, true] };
    const at = '2026-12-07T02:00:00.000Z';
    const prepared = await server.db.query(
      INSERT,
      ['a', 41, jsonbParam(JSON.stringify(data)), at],
      { prepare: true },
    );
    const plain = await server.db.query(INSERT, ['b', 41, jsonbParam(JSON.stringify(data)), at]);
    expect(prepared).toEqual(plain.map((row) => ({ ...row, id: 'a' })));
    const again = await server.db.query(INSERT, ['c', null, null, null], { prepare: true });
    expect(again).toEqual([{ id: 'c', n: null, data: null, at: null, next: null }]);
    expect(
      await server.db.query('SELECT count(*)::int AS n FROM prepared_probe WHERE id = $1', ['a'], {
        prepare: true,
      }),
    ).toEqual([{ n: 1 }]);
  });

  it('fail with the database error (a unique violation) and run again afterwards', async () => {
    const error = await server.db
      .query(INSERT, ['a', 1, null, null], { prepare: true })
      .catch((failure: unknown) => failure);
    expect(isUniqueViolation(error)).toBe(true);
    const [row] = await server.db.query<{ id: string }>(INSERT, ['d', 1, null, null], {
      prepare: true,
    });
    expect(row?.id).toBe('d');
    // A statement whose text does not parse fails, and is not remembered as prepared.
    await expect(server.db.query('SELEC 1', [], { prepare: true })).rejects.toThrow();
    await expect(server.db.query('SELEC 1', [], { prepare: true })).rejects.toThrow();
  });

  it('never run inside a transaction another caller has open', async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const transaction = server.db
      .transaction(async (tx) => {
        await tx.query(INSERT, ['in-tx', 1, null, null]);
        opened();
        await released;
        throw new Error('rolled back');
      })
      .catch((error: unknown) => error);
    await open;
    // Sent while the transaction is open: it must wait for the transaction (PGlite) or run on
    // another connection (PostgreSQL), so the rollback cannot take it along.
    const outside = server.db.query(INSERT, ['outside', 1, null, null], { prepare: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await transaction).toBeInstanceOf(Error);
    await outside;
    const ids = await server.db.query<{ id: string }>(
      "SELECT id FROM prepared_probe WHERE id IN ('in-tx', 'outside') ORDER BY id",
    );
    expect(ids.map((row) => row.id)).toEqual(['outside']);
  });
});
