/**
 * The in-memory PGlite's file system tuned for writing (server/src/pglite-memory.ts): files
 * grow by doubling instead of by an eighth (each grow copies the whole file), and new WAL
 * segments are not zero-filled.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tuneMemoryPglite } from '../../server/src/pglite-memory';

type Fs = {
  writeFile(path: string, data: Uint8Array): void;
  open(path: string, flags: string): unknown;
  write(stream: unknown, data: Uint8Array, offset: number, length: number, position: number): void;
  close(stream: unknown): void;
  lookupPath(path: string): { node: { contents: Uint8Array; usedBytes: number } };
};

let lite: PGlite;
beforeAll(async () => {
  lite = new PGlite();
  await lite.waitReady;
});
afterAll(async () => {
  await lite?.close();
});

describe('in-memory PGlite tuned for writing', () => {
  it('finds MEMFS, turns off WAL zero-filling, and grows a file by doubling, keeping its bytes', async () => {
    expect(await tuneMemoryPglite(lite)).toBe(true);
    const { rows } = await lite.query<{ wal_init_zero: string }>('SHOW wal_init_zero');
    expect(rows[0]?.wal_init_zero).toBe('off');

    const fs = (lite as unknown as { Module: { FS: Fs } }).Module.FS;
    const first = new Uint8Array(2_000_000).map((_, i) => i % 251);
    fs.writeFile('/tmp/grow-test', first);
    const stream = fs.open('/tmp/grow-test', 'r+');
    fs.write(stream, new Uint8Array([7]), 0, 1, first.length);
    fs.close(stream);
    const { node } = fs.lookupPath('/tmp/grow-test');
    // MEMFS's own rule would have grown it to 2,250,000 bytes (one eighth more).
    expect(node.contents.length).toBe(4_000_000);
    expect(node.usedBytes).toBe(2_000_001);
    expect(node.contents[1_999_999]).toBe(1_999_999 % 251);
    expect(node.contents[2_000_000]).toBe(7);
  });

  it('stores and reads rows as before', async () => {
    await lite.exec('CREATE TABLE t (id text PRIMARY KEY, data jsonb)');
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: `r${i}`,
      data: { i, text: 'x'.repeat(200) },
    }));
    await lite.query(
      'INSERT INTO t SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)',
      [JSON.stringify(rows)],
    );
    const { rows: read } = await lite.query<{ n: number; last: number }>(
      "SELECT count(*)::int AS n, max((data->>'i')::int) AS last FROM t",
    );
    expect(read[0]).toEqual({ n: 3000, last: 2999 });
  });
});
