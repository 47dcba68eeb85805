import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_KEY,
  openSnapshotStore,
  snapshotDatabaseName,
} from '../../src/renderer/src/services/crm/customers/search/snapshot-store';

let databases = 0;
const freshName = () => `snapshot-store-${(databases += 1)}`;

function bytesOf(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 2654435761 + seed) >>> 24;
  return bytes;
}

describe('the snapshot store', () => {
  it('gives back the bytes it saved, in a fresh aligned buffer, with the meta they cover', async () => {
    const store = openSnapshotStore(freshName());
    expect(await store.load()).toBeNull();
    expect(await store.readMeta()).toBeNull();
    const saved = bytesOf(300_001, 7);
    await store.save({ generation: 'g1', seq: 42 }, saved);
    const loaded = await store.load();
    expect(loaded).toMatchObject({ generation: 'g1', seq: 42, bytes: 300_001 });
    expect(loaded!.data).toEqual(saved);
    // Views into it need an 8-aligned start; it must not be the caller's buffer.
    expect(loaded!.data.byteOffset).toBe(0);
    expect(loaded!.data.buffer).not.toBe(saved.buffer);
    expect(await store.readMeta()).toMatchObject({ generation: 'g1', seq: 42 });
    store.close();
  });

  it('keeps one record, meta and bytes together: a later save replaces both', async () => {
    const name = freshName();
    const store = openSnapshotStore(name);
    await store.save({ generation: 'g1', seq: 1 }, bytesOf(1000, 1));
    await store.save({ generation: 'g1', seq: 2 }, bytesOf(10, 2));
    const loaded = await store.load();
    expect(loaded).toMatchObject({ seq: 2, bytes: 10 });
    expect(loaded!.data).toEqual(bytesOf(10, 2));
    const raw = new Dexie(snapshotDatabaseName(name));
    raw.version(2).stores({ snapshot: 'key' });
    const records = await raw.table('snapshot').toArray();
    expect(records.map((record) => record.key)).toEqual([SNAPSHOT_KEY]);
    expect(records[0].data).toBeInstanceOf(Blob);
    raw.close();
    store.close();
  });

  it('drops a format 1 snapshot (Uint8Array pieces) on upgrade: none is found', async () => {
    const name = freshName();
    const old = new Dexie(snapshotDatabaseName(name));
    old.version(1).stores({ snapshot: 'key' });
    await old.table('snapshot').bulkPut([
      { key: 'piece:0', data: bytesOf(64, 3) },
      {
        key: 'meta',
        meta: { generation: 'g', seq: 3, bytes: 64, pieces: 1, saved_at: '' },
      },
    ]);
    old.close();
    const store = openSnapshotStore(name);
    expect(await store.load()).toBeNull();
    expect(await store.readMeta()).toBeNull();
    store.close();
    // And its pieces are gone, not left behind as dead bytes (115 MB at a million customers).
    const raw = new Dexie(snapshotDatabaseName(name));
    raw.version(2).stores({ snapshot: 'key' });
    expect(await raw.table('snapshot').count()).toBe(0);
    raw.close();
  });
});
