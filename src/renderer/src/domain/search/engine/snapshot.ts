/**
 * The index as snapshot bytes and back: the base segment's arrays, its dead mask, and the
 * delta's live entries (few, as JSON), so writing one never forces a compaction.
 */
import { SORTS } from '../sort-keys';
import { newBitset } from './bitset';
import type { PreparedDoc } from './prepared-doc';
import { Segment } from './segment';
import type { SegmentData } from './segment';
import { SnapshotError, readSnapshot, writeSnapshot } from './snapshot-format';

type SnapshotTree = { base: SegmentData; dead: Uint32Array; delta: PreparedDoc[] };

export function encodeSnapshot(
  base: Segment,
  dead: Uint32Array,
  delta: PreparedDoc[],
): Uint8Array<ArrayBuffer> {
  const tree: SnapshotTree = { base: base.data, dead, delta };
  return writeSnapshot(tree);
}

/** Sizes that must agree, so a snapshot that passed its checksum is also whole. */
function checkShape(tree: SnapshotTree): void {
  const { base } = tree;
  const size = base.size;
  const columns = Object.values(base.sorts);
  const whole =
    Number.isSafeInteger(size) &&
    base.ids.uuids.length === size * 16 &&
    base.flags.length === size &&
    base.ownerOf.length === size &&
    base.phones.starts.length === size + 1 &&
    base.phones.pairs.length === size * 2 &&
    base.phones.triples.length === size * 2 &&
    tree.dead.length === newBitset(size).length &&
    columns.length === SORTS.length &&
    columns.every((column) => column.order.length === size) &&
    Array.isArray(tree.delta);
  if (!whole) throw new SnapshotError('Search snapshot is damaged (sizes do not agree).');
}

export function decodeSnapshot(bytes: Uint8Array): {
  base: Segment;
  dead: Uint32Array;
  delta: PreparedDoc[];
} {
  const tree = readSnapshot(bytes) as SnapshotTree;
  try {
    checkShape(tree);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError('Search snapshot is damaged (missing parts).');
  }
  // The mask changes with removals: never write into the caller's bytes.
  return { base: new Segment(tree.base), dead: tree.dead.slice(), delta: tree.delta };
}
