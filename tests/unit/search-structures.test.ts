import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasBit, newBitset } from '../../src/renderer/src/domain/search/engine/bitset';
import { cesu8, decodeCesu8 } from '../../src/renderer/src/domain/search/engine/bytes';
import { markPrefix, markTypos } from '../../src/renderer/src/domain/search/engine/dictionary-walk';
import {
  FrontCodedBuilder,
  FrontCodedStrings,
} from '../../src/renderer/src/domain/search/engine/front-coded';
import {
  PostingDictionary,
  PostingDictionaryBuilder,
} from '../../src/renderer/src/domain/search/engine/posting-dictionary';
import { TimeKeys, TimeKeysBuilder } from '../../src/renderer/src/domain/search/engine/time-keys';
import { typoMatchesTerm } from '../../src/renderer/src/domain/search/edit-distance';

const CHARS = ['a', 'b', 'c', 'é', 'ß', 'и', '王', '😀', '\uffff', '\ud800'];
const text = (max: number) =>
  fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((chars) => chars.join(''));

/** A dictionary whose term i posts ordinal i. */
function dictionaryOf(sorted: readonly string[]): PostingDictionary {
  const builder = new PostingDictionaryBuilder();
  sorted.forEach((term, i) => {
    const bytes = cesu8(term);
    builder.add(bytes, 0, bytes.length, [i], 1);
  });
  return new PostingDictionary(builder.finish());
}

function marked(size: number, mark: (bits: Uint32Array) => void): number[] {
  const bits = newBitset(size);
  mark(bits);
  return Array.from({ length: size }, (_, i) => i).filter((i) => hasBit(bits, i));
}

describe('CESU-8 strings', () => {
  it('round-trip any string and sort bytes in JS string order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        (a, b) => {
          const x = cesu8(a);
          const y = cesu8(b);
          expect(decodeCesu8(x, 0, x.length)).toBe(a);
          const byBytes = Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y)));
          expect(byBytes).toBe(a === b ? 0 : a < b ? -1 : 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('front-coded strings', () => {
  it('decode every entry and find the lower bound of any key, reads and searches interleaved', () => {
    const step = fc.oneof(
      fc.record({ read: fc.nat() }),
      fc.record({ read: fc.nat(), next: fc.constant(true) }),
      fc.record({ key: text(6) }),
    );
    fc.assert(
      fc.property(
        fc.array(text(6), { maxLength: 80 }),
        fc.array(step, { maxLength: 60 }),
        (values, steps) => {
          const sorted = [...values].sort();
          const builder = new FrontCodedBuilder(true);
          sorted.forEach((value, i) => {
            const bytes = cesu8(value);
            builder.add(bytes, 0, bytes.length, i * 3);
          });
          const strings = new FrontCodedStrings(builder.finish());
          let last = 0;
          for (const s of steps) {
            if ('key' in s) {
              const bytes = cesu8(s.key);
              const expected = sorted.findIndex((value) => value >= s.key);
              expect(strings.lowerBound(bytes, 0, bytes.length)).toBe(
                expected < 0 ? sorted.length : expected,
              );
              continue;
            }
            if (sorted.length === 0) continue;
            // Sequential reads after a search take the decoder's shortcut: it must still be right.
            const i = 'next' in s ? Math.min(last + 1, sorted.length - 1) : s.read % sorted.length;
            strings.decode(i);
            expect(decodeCesu8(strings.current.bytes, 0, strings.current.length)).toBe(sorted[i]);
            expect(strings.value).toBe(i * 3);
            last = i;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('dictionary walk', () => {
  it('marks exactly the terms a word is a prefix of', () => {
    fc.assert(
      fc.property(fc.uniqueArray(text(5), { maxLength: 60 }), text(3), (terms, word) => {
        const sorted = [...terms].sort();
        const dictionary = dictionaryOf(sorted);
        const expected = sorted.flatMap((term, i) => (term.startsWith(word) ? [i] : []));
        expect(marked(sorted.length, (bits) => markPrefix(dictionary, cesu8(word), bits))).toEqual(
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('marks exactly the terms with a prefix one edit away from the word (any script)', () => {
    const letter = fc.constantFrom('a', 'b', 'é', '王', '😀');
    const word = fc.array(letter, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
    const term = fc.array(letter, { maxLength: 7 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(term, { maxLength: 80 }), word, (terms, typed) => {
        const sorted = [...terms].sort();
        const dictionary = dictionaryOf(sorted);
        const expected = sorted.flatMap((t, i) => (typoMatchesTerm(typed, t) ? [i] : []));
        expect(marked(sorted.length, (bits) => markTypos(dictionary, typed, bits))).toEqual(
          expected,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('date keys', () => {
  it('read back every key, "no date" first, in any order of access', () => {
    const key = fc.oneof(
      { weight: 1, arbitrary: fc.constant(Number.NEGATIVE_INFINITY) },
      { weight: 6, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }) },
    );
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (values, reads) => {
          const sorted = [...values].sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
          const builder = new TimeKeysBuilder();
          for (const value of sorted) builder.add(value);
          const keys = new TimeKeys(builder.finish());
          for (const read of [...reads, ...sorted.keys()]) {
            if (sorted.length === 0) break;
            const i = read % sorted.length;
            expect(keys.at(i)).toBe(sorted[i]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
