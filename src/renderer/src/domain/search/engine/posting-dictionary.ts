/**
 * Sorted terms (CESU-8, front-coded), each with the sorted ordinals of the customers that have
 * it. Postings are stored in term order, so every term in a prefix range has its postings in
 * one contiguous run: a prefix query is one binary search and one loop.
 */
import { U32Writer } from './bytes';
import { FrontCodedBuilder, FrontCodedStrings } from './front-coded';
import type { FrontCodedData } from './front-coded';
import { BLOCK_SIZE } from './front-coded';

/** What the query side needs from a dictionary (the base's and the delta's). */
export type Dictionary = {
  readonly size: number;
  /** Index of the first term >= key[start..end). */
  lowerBound(key: Uint8Array, start: number, end: number): number;
  /** Term i as bytes[0..length): valid until the next call on this dictionary. */
  termAt(i: number): { bytes: Uint8Array; length: number };
  /** Sets the bit of every ordinal posted under terms lo..hi-1. */
  markPostings(lo: number, hi: number, bits: Uint32Array): void;
};

export type PostingDictionaryData = {
  terms: FrontCodedData;
  /** Start in `postings` of each block's first term. */
  blockStarts: Uint32Array;
  postings: Uint32Array;
};

export class PostingDictionary implements Dictionary {
  readonly size: number;
  private readonly terms: FrontCodedStrings;
  private readonly blockStarts: Uint32Array;
  readonly postings: Uint32Array;

  constructor(readonly data: PostingDictionaryData) {
    this.terms = new FrontCodedStrings(data.terms);
    this.size = this.terms.count;
    this.blockStarts = data.blockStarts;
    this.postings = data.postings;
  }

  lowerBound(key: Uint8Array, start: number, end: number): number {
    return this.terms.lowerBound(key, start, end);
  }

  termAt(i: number): { bytes: Uint8Array; length: number } {
    this.terms.decode(i);
    return this.terms.current;
  }

  /** The posting count of the term read last by termAt. */
  get lastCount(): number {
    return this.terms.value;
  }

  /** Where term i's postings start (postings.length for i = size). */
  postingStart(i: number): number {
    if (i >= this.size) return this.postings.length;
    return this.blockStarts[Math.floor(i / BLOCK_SIZE)]! + this.terms.valuesBeforeInBlock(i);
  }

  /** Index of the term equal to key, or -1. */
  find(key: Uint8Array): number {
    const i = this.lowerBound(key, 0, key.length);
    if (i >= this.size) return -1;
    const term = this.termAt(i);
    if (term.length !== key.length) return -1;
    for (let j = 0; j < key.length; j += 1) if (term.bytes[j] !== key[j]) return -1;
    return i;
  }

  postingsOf(i: number): Uint32Array {
    return this.postings.subarray(this.postingStart(i), this.postingStart(i + 1));
  }

  markPostings(lo: number, hi: number, bits: Uint32Array): void {
    if (lo >= hi) return;
    const postings = this.postings;
    const end = this.postingStart(hi);
    for (let p = this.postingStart(lo); p < end; p += 1) {
      const ordinal = postings[p]!;
      bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
    }
  }

  byteSize(): number {
    return this.terms.byteSize() + this.blockStarts.byteLength + this.postings.byteLength;
  }
}

/** Takes terms in sorted order with their postings. */
export class PostingDictionaryBuilder {
  private readonly terms = new FrontCodedBuilder(true);
  private readonly blockStarts: number[] = [];
  private readonly postings: U32Writer;

  constructor(expectedPostings = 1024) {
    this.postings = new U32Writer(expectedPostings);
  }

  add(term: Uint8Array, start: number, end: number, ordinals: ArrayLike<number>, count: number) {
    if (this.terms.size % BLOCK_SIZE === 0) this.blockStarts.push(this.postings.length);
    this.terms.add(term, start, end, count);
    for (let i = 0; i < count; i += 1) this.postings.push(ordinals[i]!);
  }

  get size(): number {
    return this.terms.size;
  }

  finish(): PostingDictionaryData {
    return {
      terms: this.terms.finish(),
      blockStarts: Uint32Array.from(this.blockStarts),
      postings: this.postings.toArray(),
    };
  }
}
