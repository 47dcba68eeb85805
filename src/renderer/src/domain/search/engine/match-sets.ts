/**
 * Which customers of one segment (base or delta) match a query: filters as a bitset, then
 * each word's exact and typo sets combined. A customer is exact when every word matches it
 * exactly, close when every word matches exactly or with a typo and it is not exact.
 */
import type { QueryWord } from '../query-words';
import { MIN_PHONE_DIGITS } from '../query-words';
import type { SearchQuery } from '../search-types';
import { andInto, andNotInto, andOrInto, isEmpty, newBitset, setBit } from './bitset';
import { cesu8 } from './bytes';
import type { DeltaSegment } from './delta-segment';
import { markPrefix, markTypos } from './dictionary-walk';
import { phoneQuery } from './phone-heap';
import type { PhoneQuery } from './phone-heap';
import type { Dictionary } from './posting-dictionary';
import {
  EMAIL_OPT_IN,
  LIFECYCLE_MASK,
  SMS_OPT_IN,
  UNKNOWN_LIFECYCLE,
  lifecycleCode,
} from './prepared-doc';
import type { Segment } from './segment';

export type Filters = Pick<SearchQuery, 'lifecycle' | 'tag' | 'optIn' | 'ownerId'>;

export type MatchSets = { exact: Uint32Array; close: Uint32Array };

export type Searchable = {
  size: number;
  dictionary: Dictionary;
  markPhoneMatches(query: PhoneQuery, bits: Uint32Array): void;
};

export function matchSets(
  segment: Searchable,
  words: readonly QueryWord[],
  filter: Uint32Array,
): MatchSets {
  const exact = filter.slice();
  const close = filter.slice(); // every word exact or a typo; exact ones are taken out last
  for (const word of words) {
    if (isEmpty(close)) break;
    const wordExact = newBitset(segment.size);
    markPrefix(segment.dictionary, cesu8(word.text), wordExact);
    if (word.kind === 'digits' && word.text.length >= MIN_PHONE_DIGITS) {
      segment.markPhoneMatches(phoneQuery(word.text), wordExact);
    }
    andInto(exact, wordExact);
    if (word.typos) {
      const wordTypo = newBitset(segment.size);
      markTypos(segment.dictionary, word.text, wordTypo);
      andOrInto(close, wordExact, wordTypo);
    } else andInto(close, wordExact);
  }
  andNotInto(close, exact);
  return { exact, close };
}

const OPT_IN_FLAG = { email: EMAIL_OPT_IN, sms: SMS_OPT_IN } as const;

/** The base's live customers that pass the filters. */
export function baseFilter(base: Segment, dead: Uint32Array, filters: Filters): Uint32Array {
  const size = base.size;
  const bits = newBitset(size, true);
  andNotInto(bits, dead);
  if (filters.lifecycle !== null) {
    const stage = lifecycleCode(filters.lifecycle);
    // A stage no customer can have: nobody passes.
    if (stage === UNKNOWN_LIFECYCLE) return newBitset(size);
    andInto(
      bits,
      base.customersWith(`stage:${stage}`, (flag) => (flag & LIFECYCLE_MASK) === stage),
    );
  }
  if (filters.optIn !== null) {
    const flagBit = OPT_IN_FLAG[filters.optIn];
    andInto(
      bits,
      base.customersWith(`opt-in:${flagBit}`, (flag) => (flag & flagBit) !== 0),
    );
  }
  if (filters.ownerId !== null) {
    const owner = base.ownerIndex(filters.ownerId);
    if (owner < 0) return newBitset(size);
    andInto(
      bits,
      base.customersWith(`owner:${owner}`, (_, ownerOf) => ownerOf === owner),
    );
  }
  if (filters.tag !== null) {
    const tagged = newBitset(size);
    const index = base.tags.find(cesu8(filters.tag));
    if (index >= 0) base.tags.markPostings(index, index + 1, tagged);
    andInto(bits, tagged);
  }
  return bits;
}

/** The delta's live entries that pass the filters. */
export function deltaFilter(delta: DeltaSegment, filters: Filters): Uint32Array {
  const bits = newBitset(delta.size);
  const stage = filters.lifecycle === null ? -1 : lifecycleCode(filters.lifecycle);
  const optIn = filters.optIn === null ? 0 : OPT_IN_FLAG[filters.optIn];
  if (stage === UNKNOWN_LIFECYCLE) return bits;
  delta.entries.forEach((entry, i) => {
    if (!delta.alive[i]) return;
    if (stage >= 0 && (entry.flags & LIFECYCLE_MASK) !== stage) return;
    if (optIn !== 0 && (entry.flags & optIn) === 0) return;
    if (filters.ownerId !== null && entry.owner !== filters.ownerId) return;
    if (filters.tag !== null && !entry.tags.includes(filters.tag)) return;
    setBit(bits, i);
  });
  return bits;
}
