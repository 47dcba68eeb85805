/**
 * Where the search index's snapshot lives: a separate IndexedDB database `<dbname>-search`,
 * so it is never part of the CRM's transactions, backups or sync, and deleting it only costs
 * a rebuild. The bytes are stored in pieces of ~8 MB (one huge value is slow to clone and
 * may hit the browser's per-value limits), with a meta record saying which journal
 * generation and seq they cover. The meta is written last, in the same transaction.
 */
import Dexie from 'dexie';
import type { Table } from 'dexie';

export const SNAPSHOT_PIECE_BYTES = 8 * 1024 * 1024;

export type SnapshotMeta = {
  generation: string;
  /** The last journal entry the snapshot includes. */
  seq: number;
  bytes: number;
  pieces: number;
  saved_at: string;
};

export type StoredSnapshot = SnapshotMeta & { data: Uint8Array };

type Record_ = { key: string; meta?: SnapshotMeta; data?: Uint8Array };

class SnapshotDatabase extends Dexie {
  snapshot!: Table<Record_, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ snapshot: 'key' });
  }
}

const pieceKey = (index: number) => `piece:${index}`;

export type SnapshotStore = {
  readMeta(): Promise<SnapshotMeta | null>;
  /** null when there is none, or its pieces are missing (a damaged save). */
  load(): Promise<StoredSnapshot | null>;
  save(meta: Omit<SnapshotMeta, 'bytes' | 'pieces' | 'saved_at'>, data: Uint8Array): Promise<void>;
  clear(): Promise<void>;
  close(): void;
};

export function snapshotDatabaseName(crmDatabaseName: string): string {
  return `${crmDatabaseName}-search`;
}

export function openSnapshotStore(crmDatabaseName: string): SnapshotStore {
  const db = new SnapshotDatabase(snapshotDatabaseName(crmDatabaseName));
  const readMeta = async () => (await db.snapshot.get('meta'))?.meta ?? null;
  return {
    readMeta,
    async load() {
      return db.transaction('r', db.snapshot, async () => {
        const meta = await readMeta();
        if (!meta) return null;
        const keys = Array.from({ length: meta.pieces }, (_, i) => pieceKey(i));
        const pieces = await db.snapshot.bulkGet(keys);
        // One fresh buffer at offset 0: aligned, and nobody else writes to it.
        const data = new Uint8Array(meta.bytes);
        let offset = 0;
        for (const piece of pieces) {
          if (!piece?.data || offset + piece.data.byteLength > meta.bytes) return null;
          data.set(piece.data, offset);
          offset += piece.data.byteLength;
        }
        return offset === meta.bytes ? { ...meta, data } : null;
      });
    },
    async save(partial, data) {
      const pieces: Record_[] = [];
      for (let start = 0; start < data.byteLength; start += SNAPSHOT_PIECE_BYTES)
        // slice, not subarray: a view would store its whole underlying buffer.
        pieces.push({
          key: pieceKey(pieces.length),
          data: data.slice(start, start + SNAPSHOT_PIECE_BYTES),
        });
      const meta: SnapshotMeta = {
        ...partial,
        bytes: data.byteLength,
        pieces: pieces.length,
        saved_at: new Date().toISOString(),
      };
      await db.transaction('rw', db.snapshot, async () => {
        await db.snapshot.clear();
        await db.snapshot.bulkPut(pieces);
        await db.snapshot.put({ key: 'meta', meta });
      });
    },
    async clear() {
      await db.snapshot.clear();
    },
    close: () => db.close(),
  };
}
