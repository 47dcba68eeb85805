/**
 * One precomputed order per sort: a permutation of ordinals by (key, id) ascending, and the
 * keys in that order (names front-coded, dates as float64 milliseconds). Descending is the
 * same permutation read backwards, since ties go by id in the same direction. The keys are
 * only read to place new customers (the delta) among these and to merge at compaction.
 */
import type { SearchSort } from '../search-types';
import { SORTS } from '../sort-keys';
import type { SortKey } from '../sort-keys';
import { cesu8, compareBytes } from './bytes';
import { FrontCodedBuilder, FrontCodedStrings } from './front-coded';
import type { FrontCodedData } from './front-coded';
import type { PreparedDoc } from './prepared-doc';
import { TimeKeys, TimeKeysBuilder } from './time-keys';
import type { TimeKeysData } from './time-keys';

export type SortColumnData = {
  order: Uint32Array;
  /** 'name' only: sort_name of order[i] at i. */
  names: FrontCodedData | null;
  /** Dates only: the key of order[i] at i. */
  times: TimeKeysData | null;
};

export type SortColumnsData = Record<SearchSort, SortColumnData>;

/** Which of PreparedDoc.times each date sort reads. */
export const TIME_SLOT: Record<Exclude<SearchSort, 'name'>, 0 | 1 | 2 | 3> = {
  created: 0,
  updated: 1,
  last_touch: 2,
  score: 3,
};

export function preparedKey(doc: PreparedDoc, sort: SearchSort): SortKey {
  return sort === 'name' ? doc.name : doc.times[TIME_SLOT[sort]];
}

export class SortColumn {
  private readonly names: FrontCodedStrings | null;
  private readonly times: TimeKeys | null;

  constructor(readonly data: SortColumnData) {
    this.names = data.names ? new FrontCodedStrings(data.names) : null;
    this.times = data.times ? new TimeKeys(data.times) : null;
  }

  /** -1, 0, 1: the key at position `at` against `key` (name as CESU-8 bytes, or a number). */
  compareKeyAt(at: number, key: Uint8Array | number): number {
    if (typeof key === 'number') {
      const here = this.times!.at(at);
      return here === key ? 0 : here < key ? -1 : 1;
    }
    this.names!.decode(at);
    const current = this.names!.current;
    return Math.sign(compareBytes(current.bytes, 0, current.length, key, 0, key.length));
  }

  /** Name bytes at position `at`, valid until the next call (merges copy them). */
  nameAt(at: number): { bytes: Uint8Array; length: number } {
    this.names!.decode(at);
    return this.names!.current;
  }

  timeAt(at: number): number {
    return this.times!.at(at);
  }

  /**
   * How many entries sort before (key, id): where a customer not in this segment goes.
   * `compareIdAt(ordinal)` compares that ordinal's id with the new customer's id.
   */
  rankOf(key: SortKey, compareIdAt: (ordinal: number) => number): number {
    const probe = typeof key === 'number' ? key : cesu8(key);
    let low = 0;
    let high = this.data.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const byKey = this.compareKeyAt(middle, probe);
      const before = byKey < 0 || (byKey === 0 && compareIdAt(this.data.order[middle]!) < 0);
      if (before) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  byteSize(): number {
    return (
      this.data.order.byteLength + (this.names?.byteSize() ?? 0) + (this.times?.byteSize() ?? 0)
    );
  }
}

/** Columns for documents already in ordinal (id) order. */
export function buildSortColumns(docs: readonly PreparedDoc[]): SortColumnsData {
  const columns = {} as SortColumnsData;
  for (const sort of SORTS) {
    const order = Uint32Array.from(docs.keys());
    // Ordinals are in id order, so ordinal order breaks ties.
    if (sort === 'name') {
      const names = docs.map((doc) => doc.name);
      order.sort((a, b) => (names[a] === names[b] ? a - b : names[a]! < names[b]! ? -1 : 1));
    } else {
      const slot = TIME_SLOT[sort];
      const times = Float64Array.from(docs, (doc) => doc.times[slot]);
      order.sort((a, b) => (times[a] === times[b] ? a - b : times[a]! < times[b]! ? -1 : 1));
    }
    columns[sort] = columnFromOrder(order, docs, sort);
  }
  return columns;
}

function columnFromOrder(order: Uint32Array, docs: readonly PreparedDoc[], sort: SearchSort) {
  if (sort === 'name') {
    const names = new FrontCodedBuilder(false);
    for (const ordinal of order) {
      const bytes = cesu8(docs[ordinal]!.name);
      names.add(bytes, 0, bytes.length);
    }
    return { order, names: names.finish(), times: null };
  }
  const slot = TIME_SLOT[sort];
  const times = new TimeKeysBuilder();
  for (const ordinal of order) times.add(docs[ordinal]!.times[slot]);
  return { order, names: null, times: times.finish() };
}
