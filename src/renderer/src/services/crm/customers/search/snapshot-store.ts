/**
 * Where the search index's snapshot lives: a separate IndexedDB database `<dbname>-search`,
 * so it is never part of the CRM's transactions, backups or sync, and deleting it only costs
 * a rebuild.
 *
 * The bytes are stored as one Blob, in the same record as the meta saying which journal
 * generation and seq they cover (one put: never a meta without its bytes). Chromium keeps a
 * Blob value as a file beside the database and reads it through the blob system, off the
 * origin's IndexedDB sequence. Format 1 stored the bytes as ~8 MB Uint8Array pieces: reading
 * them took the origin's one IndexedDB sequence for seconds per piece (24 s for 13.8 MB at
 * 100,000 customers on a loaded 2-core machine, traced), and every read of the CRM database,
 * the list's first rows and the worker's own journal reads, queued behind it. Version 2 of this
 * database clears format 1: the next start finds no snapshot and rebuilds.
 */
import Dexie from 'dexie';
import type { Table } from 'dexie';

export type SnapshotMeta = {
  generation: string;
  /** The last journal entry the snapshot includes. */
  seq: number;
  bytes: number;
  saved_at: string;
};

export type StoredSnapshot = SnapshotMeta & { data: Uint8Array };

export const SNAPSHOT_KEY = 'snapshot';

/** The one record: its meta and its bytes. */
export type SnapshotRecord = { key: typeof SNAPSHOT_KEY; meta: SnapshotMeta; data: Blob };

class SnapshotDatabase extends Dexie {
  snapshot!: Table<SnapshotRecord, string>;
  constructor(name: string) {
    super(name);
    // Version 1: meta + Uint8Array pieces (format 1), removed by version 2's upgrade.
    this.version(1).stores({ snapshot: 'key' });
    this.version(2)
      .stores({ snapshot: 'key' })
      .upgrade((tx) => tx.table('snapshot').clear());
  }
}

export type SnapshotStore = {
  readMeta(): Promise<SnapshotMeta | null>;
  /** null when there is none, or its record is not whole (no bytes, a foreign shape). */
  load(): Promise<StoredSnapshot | null>;
  save(
    meta: Omit<SnapshotMeta, 'bytes' | 'saved_at'>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<void>;
  clear(): Promise<void>;
  close(): void;
};

export function snapshotDatabaseName(crmDatabaseName: string): string {
  return `${crmDatabaseName}-search`;
}

function isWhole(record: SnapshotRecord | undefined): record is SnapshotRecord {
  return (
    record !== undefined &&
    typeof record.meta?.generation === 'string' &&
    typeof record.meta.seq === 'number' &&
    record.data instanceof Blob
  );
}

export function openSnapshotStore(crmDatabaseName: string): SnapshotStore {
  const db = new SnapshotDatabase(snapshotDatabaseName(crmDatabaseName));
  // The record's Blob is a handle: reading the record reads none of its bytes.
  const read = async () => {
    const record = await db.snapshot.get(SNAPSHOT_KEY);
    return isWhole(record) ? record : null;
  };
  return {
    readMeta: async () => (await read())?.meta ?? null,
    async load() {
      const record = await read();
      if (!record) return null;
      // A fresh buffer at offset 0: aligned, and nobody else writes to it, so the index keeps
      // views into it (no copy). A wrong length is for the snapshot's header to refuse.
      const data = new Uint8Array(await record.data.arrayBuffer());
      return { ...record.meta, data };
    },
    async save(partial, data) {
      const meta: SnapshotMeta = {
        ...partial,
        bytes: data.byteLength,
        saved_at: new Date().toISOString(),
      };
      await db.snapshot.put({ key: SNAPSHOT_KEY, meta, data: new Blob([data]) });
    },
    async clear() {
      await db.snapshot.clear();
    },
    close: () => db.close(),
  };
}
