/**
 * An in-memory PGlite (tests, benchmarks, `npm run server` without a data directory) keeps its
 * files in Emscripten's MEMFS, where writing past a file's end copies the whole file into a
 * new array grown by only 1/8 once it is over 1 MiB. A 16 MiB WAL segment, zero-filled 8 KiB
 * at a time when PostgreSQL creates it, was copied about 100 MB's worth, and every table and
 * index file about seven times its size as it grew: 13 % of a push's CPU samples, and much of
 * the garbage collector's 17 % (docs/sync.md, "Push: one statement, fewer copies").
 * A PGlite on a data directory writes real files (NODEFS) and is left alone.
 */
import type { PGlite } from '@electric-sql/pglite';

type MemNode = { contents: Uint8Array | null; usedBytes: number };
type MemFs = {
  expandFileStorage?: (node: MemNode, capacity: number) => void;
  getFileDataAsTypedArray?: (node: MemNode) => Uint8Array;
};

/**
 * Files grow by doubling (each byte copied about once as a file grows, instead of about
 * eight times), and new WAL segments are not zero-filled (`wal_init_zero = off`: PostgreSQL
 * writes only their last byte; the zeros were never read). Returns whether the file system
 * was MEMFS as expected; when PGlite changes its internals this does nothing.
 */
export async function tuneMemoryPglite(lite: PGlite): Promise<boolean> {
  await lite.exec('SET wal_init_zero = off');
  const memfs = (lite as unknown as { Module?: { MEMFS?: MemFs } }).Module?.MEMFS;
  if (
    !memfs ||
    typeof memfs.expandFileStorage !== 'function' ||
    typeof memfs.getFileDataAsTypedArray !== 'function'
  )
    return false;
  const read = memfs.getFileDataAsTypedArray.bind(memfs);
  memfs.expandFileStorage = (node, capacity) => {
    const previous = node.contents ? node.contents.length : 0;
    if (previous >= capacity) return;
    const grown = new Uint8Array(Math.max(capacity, previous * 2, 256));
    grown.set(read(node));
    node.contents = grown;
  };
  return true;
}
