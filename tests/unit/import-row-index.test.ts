import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRowIndex, hash64, RowFlags } from '../../src/renderer/src/domain/import/row-index';

describe('FirstRowIndex', () => {
  it('returns the first row that had a key, and null for the first row itself', () => {
    const index = new FirstRowIndex();
    expect(index.claim('ana@example.com', 2)).toBeNull();
    expect(index.claim('bo@example.com', 3)).toBeNull();
    expect(index.claim('ana@example.com', 7)).toBe(2);
    expect(index.claim('ana@example.com', 2)).toBeNull();
    expect(index.firstRow('ana@example.com')).toBe(2);
    expect(index.firstRow('cy@example.com')).toBeNull();
    expect(index.size).toBe(2);
  });

  it('agrees with a Map of first rows through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 1, max: 1e6 })), {
          maxLength: 400,
        }),
        (claims) => {
          const index = new FirstRowIndex(4);
          const first = new Map<string, number>();
          for (const [key, row] of claims) {
            const earlier = first.get(key);
            const expected = earlier === undefined || earlier === row ? null : earlier;
            expect(index.claim(key, row)).toBe(expected);
            if (earlier === undefined) first.set(key, row);
          }
          for (const [key, row] of first) expect(index.firstRow(key)).toBe(row);
          expect(index.size).toBe(first.size);
        },
      ),
    );
  });

  it('hashes to 64 bits that differ for near-identical keys', () => {
    expect(hash64('a@example.com')).not.toEqual(hash64('b@example.com'));
    expect(hash64('a@example.com')).toEqual(hash64('a@example.com'));
  });
});

describe('RowFlags', () => {
  it('sets bits per row, grows, and counts rows by bits', () => {
    const flags = new RowFlags();
    flags.add(5, 1);
    flags.add(5, 2);
    flags.add(5000, 2);
    expect(flags.has(5, 1)).toBe(true);
    expect(flags.has(5000, 1)).toBe(false);
    expect(flags.has(99_999, 2)).toBe(false);
    expect(flags.count(0, 6000, 2)).toBe(2);
    expect(flags.count(0, 6000, 2, 1)).toBe(1);
  });
});
