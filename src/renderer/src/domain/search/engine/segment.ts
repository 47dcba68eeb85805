/**
 * The base segment: an immutable, compact index of many customers (ordinals 0..size-1 in id
 * order). Built from prepared documents in chunks (buildSegment) and from two segments by
 * merging (merge-segments.ts); it never needs the documents again.
 */
import type { SearchSort } from '../search-types';
import { newBitset } from './bitset';
import { ByteWriter, cesu8 } from './bytes';
import { FrontCodedBuilder, FrontCodedStrings } from './front-coded';
import type { FrontCodedData } from './front-coded';
import { IdColumn, IdColumnBuilder } from './id-column';
import type { IdColumnData } from './id-column';
import { PostingDictionary, PostingDictionaryBuilder } from './posting-dictionary';
import type { PostingDictionaryData } from './posting-dictionary';
import { PhoneHeapBuilder, markPhoneMatches } from './phone-heap';
import type { PhoneHeapData, PhoneQuery } from './phone-heap';
import type { PreparedDoc } from './prepared-doc';
import { SortColumn, buildSortColumns } from './sort-columns';
import type { SortColumnsData } from './sort-columns';

export type SegmentData = {
  size: number;
  ids: IdColumnData;
  terms: PostingDictionaryData;
  tags: PostingDictionaryData;
  /** Distinct owner ids, sorted; ownerOf[ordinal] indexes them. */
  owners: FrontCodedData;
  ownerOf: Uint16Array | Uint32Array;
  /** Lifecycle code and opt-ins (prepared-doc.ts). */
  flags: Uint8Array;
  phones: PhoneHeapData;
  sorts: SortColumnsData;
};

/** Filter bitsets kept per segment: every stage and opt-in, and a few owners. */
const KEPT_FILTERS = 12;

export class Segment {
  private readonly filterBits = new Map<string, Uint32Array>();
  readonly size: number;
  readonly ids: IdColumn;
  readonly terms: PostingDictionary;
  readonly tags: PostingDictionary;
  readonly owners: FrontCodedStrings;
  readonly sorts: Record<SearchSort, SortColumn>;

  constructor(readonly data: SegmentData) {
    this.size = data.size;
    this.ids = new IdColumn(data.ids);
    this.terms = new PostingDictionary(data.terms);
    this.tags = new PostingDictionary(data.tags);
    this.owners = new FrontCodedStrings(data.owners);
    this.sorts = {
      name: new SortColumn(data.sorts.name),
      created: new SortColumn(data.sorts.created),
      updated: new SortColumn(data.sorts.updated),
      last_touch: new SortColumn(data.sorts.last_touch),
      score: new SortColumn(data.sorts.score),
    };
  }

  /** The text terms, for matching (match-sets.ts). */
  get dictionary(): PostingDictionary {
    return this.terms;
  }

  markPhoneMatches(query: PhoneQuery, bits: Uint32Array): void {
    markPhoneMatches(this.data.phones, query, bits);
  }

  /**
   * The customers whose flags and owner pass `test`, as a bitset kept under `key`: filters
   * then cost a few AND passes, not a loop over every customer. A handful are kept (each is
   * one bit per customer); the oldest goes first.
   */
  customersWith(key: string, test: (flags: number, owner: number) => boolean): Uint32Array {
    const kept = this.filterBits.get(key);
    if (kept) return kept;
    const bits = newBitset(this.size);
    const { flags, ownerOf } = this.data;
    for (let i = 0; i < this.size; i += 1) {
      if (test(flags[i]!, ownerOf[i]!)) bits[i >>> 5]! |= 1 << (i & 31);
    }
    if (this.filterBits.size >= KEPT_FILTERS)
      this.filterBits.delete(this.filterBits.keys().next().value!);
    this.filterBits.set(key, bits);
    return bits;
  }

  /** Index of an owner id in `owners`, or -1. */
  ownerIndex(owner: string): number {
    const key = cesu8(owner);
    const i = this.owners.lowerBound(key, 0, key.length);
    if (i >= this.owners.count) return -1;
    this.owners.decode(i);
    const current = this.owners.current;
    if (current.length !== key.length) return -1;
    for (let j = 0; j < key.length; j += 1) if (current.bytes[j] !== key[j]) return -1;
    return i;
  }

  byteSize(): number {
    const d = this.data;
    return (
      this.ids.byteSize() +
      this.terms.byteSize() +
      this.tags.byteSize() +
      this.owners.byteSize() +
      d.ownerOf.byteLength +
      d.flags.byteLength +
      d.phones.digits.byteLength +
      d.phones.starts.byteLength +
      d.phones.pairs.byteLength +
      d.phones.triples.byteLength +
      Object.values(this.sorts).reduce((sum, column) => sum + column.byteSize(), 0) +
      [...this.filterBits.values()].reduce((sum, bits) => sum + bits.byteLength, 0)
    );
  }
}

export function ownerColumn(size: number, owners: number): Uint16Array | Uint32Array {
  return owners <= 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
}

/** Sorted distinct strings, front-coded, and each one's index. */
export function sortedStringTable(values: Iterable<string>): {
  table: FrontCodedData;
  index: Map<string, number>;
} {
  const sorted = [...new Set(values)].sort();
  const builder = new FrontCodedBuilder(false);
  for (const value of sorted) {
    const bytes = cesu8(value);
    builder.add(bytes, 0, bytes.length);
  }
  return { table: builder.finish(), index: new Map(sorted.map((value, i) => [value, i])) };
}

/** Term -> ordinals in ascending order, then a dictionary in term order. */
function postingDictionary(docs: readonly PreparedDoc[], termsOf: (doc: PreparedDoc) => string[]) {
  const postings = new Map<string, number[]>();
  let total = 0;
  docs.forEach((doc, ordinal) => {
    for (const term of termsOf(doc)) {
      const list = postings.get(term);
      if (list) list.push(ordinal);
      else postings.set(term, [ordinal]);
      total += 1;
    }
  });
  const builder = new PostingDictionaryBuilder(total);
  const bytes = new ByteWriter();
  for (const term of [...postings.keys()].sort()) {
    const list = postings.get(term)!;
    bytes.length = 0;
    bytes.cesu8(term);
    builder.add(bytes.bytes, 0, bytes.length, list, list.length);
  }
  return builder.finish();
}

/** A segment of documents with distinct ids, already sorted by id (JS string order). */
export function buildSegment(docs: readonly PreparedDoc[]): Segment {
  const ids = new IdColumnBuilder(docs.length);
  for (const doc of docs) ids.add(doc.id);
  const owners = sortedStringTable(docs.map((doc) => doc.owner));
  const ownerOf = ownerColumn(docs.length, owners.index.size);
  docs.forEach((doc, ordinal) => (ownerOf[ordinal] = owners.index.get(doc.owner)!));
  const phones = new PhoneHeapBuilder(docs.length);
  for (const doc of docs) phones.add(doc.phones, 0, doc.phones.length, doc.phoneMask);
  return new Segment({
    size: docs.length,
    ids: ids.finish(),
    terms: postingDictionary(docs, (doc) => doc.terms),
    tags: postingDictionary(docs, (doc) => doc.tags),
    owners: owners.table,
    ownerOf,
    flags: Uint8Array.from(docs, (doc) => doc.flags),
    phones: phones.finish(),
    sorts: buildSortColumns(docs),
  });
}

/** Sorts by id and keeps the last document of each id. */
export function distinctById(docs: readonly PreparedDoc[]): PreparedDoc[] {
  const last = new Map<string, PreparedDoc>();
  for (const doc of docs) last.set(doc.id, doc);
  return [...last.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
