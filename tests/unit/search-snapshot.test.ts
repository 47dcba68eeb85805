import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotError } from '../../src/renderer/src/domain/search/engine/snapshot-format';
import { SearchIndex, createSearchIndex } from '../../src/renderer/src/domain/search/search-index';
import type { SearchDoc, SearchQuery } from '../../src/renderer/src/domain/search/search-types';
import { customers } from './search-arbitraries';

const query = (search: string): SearchQuery => ({
  search,
  lifecycle: null,
  tag: null,
  optIn: null,
  ownerId: null,
  sort: 'name',
  direction: 'asc',
});

function sample(): { docs: SearchDoc[]; index: SearchIndex } {
  const docs = fc.sample(customers(20, 25), { numRuns: 1, seed: 42 })[0]!;
  const index = createSearchIndex(docs.slice(0, 20));
  // Changes not yet compacted travel in the snapshot too.
  index.upsert(docs.slice(20));
  index.remove([docs[3]!.id]);
  return { docs, index };
}

const answers = (index: SearchIndex) =>
  ['', 'a', 'sm', 'smiht', '49', '@gmail', 'ann'].map((search) => index.allIds(query(search)));

describe('search snapshots', () => {
  it('round-trip the index with its pending changes, from any byte alignment', () => {
    const { index } = sample();
    const bytes = index.toSnapshot();
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    for (const input of [bytes, shifted.subarray(3)]) {
      const loaded = SearchIndex.fromSnapshot(input);
      expect(answers(loaded)).toEqual(answers(index));
      expect(loaded.size).toBe(index.size);
      expect(loaded.tags()).toEqual(index.tags());
    }
  });

  it("leaves the caller's bytes alone when the loaded index changes", () => {
    const { docs, index } = sample();
    const bytes = index.toSnapshot();
    const copy = bytes.slice();
    const loaded = SearchIndex.fromSnapshot(bytes);
    loaded.remove(docs.map((doc) => doc.id));
    expect(bytes).toEqual(copy);
    expect(SearchIndex.fromSnapshot(bytes).size).toBe(index.size);
  });

  it('refuses any flipped byte with a clear error, never answers from it', () => {
    const bytes = sample().index.toSnapshot();
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = bytes.slice();
        damaged[at]! ^= flip;
        expect(() => SearchIndex.fromSnapshot(damaged)).toThrow(SnapshotError);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a truncated or padded snapshot, naming it', () => {
    const bytes = sample().index.toSnapshot();
    for (const length of [0, 7, 31, 32, bytes.length >> 1, bytes.length - 1]) {
      expect(() => SearchIndex.fromSnapshot(bytes.slice(0, length))).toThrow(SnapshotError);
    }
    expect(() => SearchIndex.fromSnapshot(bytes.slice(0, bytes.length - 1))).toThrow(/truncated/);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes);
    expect(() => SearchIndex.fromSnapshot(padded)).toThrow(/too long/);
  });

  it('refuses another format version and foreign bytes', () => {
    const bytes = sample().index.toSnapshot();
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(8, 3, true);
    expect(() => SearchIndex.fromSnapshot(newer)).toThrow(/format 3 is not supported/);
    const foreign = [
      new TextEncoder().encode(JSON.stringify({ customers: [] })),
      new Uint8Array(4096).fill(7),
      new Uint8Array(0),
    ];
    for (const input of foreign) {
      expect(() => SearchIndex.fromSnapshot(input)).toThrow(/not a search index snapshot/);
    }
  });
});
