/**
 * Changes since the base was built: a small mutable segment. An upserted customer gets a new
 * delta entry (its base version, or older delta entry, is masked dead); a removal only masks.
 * Its dictionary is a sorted array kept by merging each batch in, and each entry knows its
 * place (rank) in every base order, so queries interleave it without sorting.
 */
import type { SearchSort } from '../search-types';
import { SORTS, compareKeyAndId } from '../sort-keys';
import { cesu8, compareBytes } from './bytes';
import { setBit } from './bitset';
import { maskHolds, sectionMatches } from './phone-heap';
import type { PhoneQuery } from './phone-heap';
import type { Dictionary } from './posting-dictionary';
import type { PreparedDoc } from './prepared-doc';
import type { Segment } from './segment';
import { preparedKey } from './sort-columns';

class DeltaDictionary implements Dictionary {
  terms: Uint8Array[] = [];
  postings: number[][] = [];

  get size(): number {
    return this.terms.length;
  }

  lowerBound(key: Uint8Array, start: number, end: number): number {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const term = this.terms[middle]!;
      if (compareBytes(term, 0, term.length, key, start, end) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  termAt(i: number): { bytes: Uint8Array; length: number } {
    const bytes = this.terms[i]!;
    return { bytes, length: bytes.length };
  }

  markPostings(lo: number, hi: number, bits: Uint32Array): void {
    for (let i = lo; i < hi; i += 1) {
      for (const entry of this.postings[i]!) bits[entry >>> 5]! |= 1 << (entry & 31);
    }
  }

  /** Merges a batch (term -> new entries) into the sorted arrays in one pass. */
  addBatch(batch: Map<string, number[]>): void {
    const added = [...batch.keys()]
      .sort()
      .map((term) => ({ bytes: cesu8(term), list: batch.get(term)! }));
    const terms: Uint8Array[] = [];
    const postings: number[][] = [];
    let i = 0;
    for (const { bytes, list } of added) {
      while (
        i < this.terms.length &&
        compareBytes(this.terms[i]!, 0, this.terms[i]!.length, bytes, 0, bytes.length) < 0
      ) {
        terms.push(this.terms[i]!);
        postings.push(this.postings[i++]!);
      }
      const same =
        i < this.terms.length &&
        compareBytes(this.terms[i]!, 0, this.terms[i]!.length, bytes, 0, bytes.length) === 0;
      if (same) postings.push(this.postings[i++]!.concat(list));
      else postings.push(list);
      terms.push(bytes);
    }
    for (; i < this.terms.length; i += 1) {
      terms.push(this.terms[i]!);
      postings.push(this.postings[i]!);
    }
    this.terms = terms;
    this.postings = postings;
  }
}

export class DeltaSegment {
  readonly entries: PreparedDoc[] = [];
  readonly alive: boolean[] = [];
  readonly dictionary = new DeltaDictionary();
  /** Per sort: entry indices in (key, id) order, and each entry's rank in the base order. */
  readonly orders = {} as Record<SearchSort, number[]>;
  readonly ranks = {} as Record<SearchSort, number[]>;
  private readonly byId = new Map<string, number>();
  liveCount = 0;

  constructor() {
    for (const sort of SORTS) {
      this.orders[sort] = [];
      this.ranks[sort] = [];
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Masks the entry of `id` dead; true when there was one. */
  remove(id: string): boolean {
    const index = this.byId.get(id);
    if (index === undefined) return false;
    this.alive[index] = false;
    this.byId.delete(id);
    this.liveCount -= 1;
    return true;
  }

  /** Adds new versions (ids already removed from the base and from this delta). */
  add(docs: readonly PreparedDoc[], base: Segment): void {
    const batch = new Map<string, number[]>();
    const first = this.entries.length;
    for (const doc of docs) {
      this.remove(doc.id);
      const index = this.entries.length;
      this.entries.push(doc);
      this.alive.push(true);
      this.byId.set(doc.id, index);
      this.liveCount += 1;
      for (const term of doc.terms) {
        const list = batch.get(term);
        if (list) list.push(index);
        else batch.set(term, [index]);
      }
      for (const sort of SORTS) {
        const key = preparedKey(doc, sort);
        this.ranks[sort].push(
          base.sorts[sort].rankOf(key, (ordinal) => {
            const id = base.ids.idAt(ordinal);
            return id < doc.id ? -1 : id > doc.id ? 1 : 0;
          }),
        );
      }
    }
    this.dictionary.addBatch(batch);
    for (const sort of SORTS) this.mergeOrder(sort, first);
  }

  private mergeOrder(sort: SearchSort, first: number): void {
    const compare = (a: number, b: number) => {
      const x = this.entries[a]!;
      const y = this.entries[b]!;
      return compareKeyAndId(preparedKey(x, sort), x.id, preparedKey(y, sort), y.id);
    };
    const added = Array.from({ length: this.entries.length - first }, (_, i) => first + i).sort(
      compare,
    );
    const old = this.orders[sort];
    const merged: number[] = [];
    let i = 0;
    for (const entry of added) {
      while (i < old.length && compare(old[i]!, entry) < 0) merged.push(old[i++]!);
      merged.push(entry);
    }
    while (i < old.length) merged.push(old[i++]!);
    this.orders[sort] = merged;
  }

  markPhoneMatches(query: PhoneQuery, bits: Uint32Array): void {
    this.entries.forEach((entry, i) => {
      if (!maskHolds(entry.phoneMask, query.mask)) return;
      if (sectionMatches(entry.phones, 0, entry.phones.length, query.codes)) setBit(bits, i);
    });
  }

  liveEntries(): PreparedDoc[] {
    return this.entries.filter((_, i) => this.alive[i]);
  }

  /** A rough count: the delta is small and made of JS objects (docs/search.md). */
  byteSize(): number {
    let bytes = this.entries.length * (SORTS.length * 16 + 160);
    for (const term of this.dictionary.terms) bytes += term.length + 40;
    for (const entry of this.entries) {
      bytes += entry.terms.length * 24 + entry.name.length * 2 + entry.phones.length;
    }
    return bytes;
  }
}
