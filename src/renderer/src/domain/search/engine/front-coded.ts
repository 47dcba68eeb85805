/**
 * A sorted list of byte strings, front-coded in blocks of 16 (each entry stores only what
 * differs from the one before; the first of a block is whole, so a binary search over block
 * firsts finds any key). Sorted neighbours in a customer dictionary share most of their
 * bytes ("sofiagarcia84@...", "sofiagarcia85@..."), so this keeps about a third of them.
 * Each entry may carry one unsigned number (a posting count).
 */
import { ByteWriter, compareBytes, readVarint } from './bytes';

export const BLOCK_SIZE = 16;
const BLOCK_SHIFT = 4;

export type FrontCodedData = {
  count: number;
  heap: Uint8Array;
  /** Heap offset of each block's first entry. */
  blocks: Uint32Array;
  /** 1 when every entry carries a number. */
  hasValues: number;
};

export class FrontCodedStrings {
  readonly count: number;
  private readonly heap: Uint8Array;
  private readonly blocks: Uint32Array;
  private readonly hasValues: boolean;
  /** The entry decoded last: current.bytes[0..length). */
  readonly current = new ByteWriter(256);
  value = 0;
  private readonly cursor = { at: 0 };
  private index = -1;

  constructor(readonly data: FrontCodedData) {
    this.count = data.count;
    this.heap = data.heap;
    this.blocks = data.blocks;
    this.hasValues = data.hasValues === 1;
  }

  /** Positions the decoder on entry `i` (sequential reads after it are cheap). */
  decode(i: number): void {
    if (i === this.index) return;
    const ahead =
      this.index >= 0 && i > this.index && i >> BLOCK_SHIFT === this.index >> BLOCK_SHIFT;
    // The heap is contiguous, so the entry right after the current one is always cheap.
    if (!ahead && i !== this.index + 1) {
      const block = i >> BLOCK_SHIFT;
      this.cursor.at = this.blocks[block]!;
      this.index = (block << BLOCK_SHIFT) - 1;
    }
    while (this.index < i) this.next();
  }

  /** Decodes the entry after the current one. */
  private next(): void {
    const heap = this.heap;
    const cursor = this.cursor;
    const current = this.current;
    this.index += 1;
    const shared = (this.index & (BLOCK_SIZE - 1)) === 0 ? 0 : readVarint(heap, cursor);
    const suffix = readVarint(heap, cursor);
    // Cheap, and turns a decoder bug or damaged bytes into an error instead of garbage.
    if (shared > current.length || cursor.at + suffix > heap.length) {
      throw new Error(`Search index entry ${this.index} cannot be decoded.`);
    }
    current.length = shared;
    current.pushBytes(heap, cursor.at, cursor.at + suffix);
    cursor.at += suffix;
    this.value = this.hasValues ? readVarint(heap, cursor) : 0;
  }

  /** Index of the first entry >= key[start..end) (count when none). */
  lowerBound(key: Uint8Array, start: number, end: number): number {
    const heap = this.heap;
    // The search moves the cursor: the next decode() must restart at its block.
    this.index = -2;
    let low = 0;
    let high = this.blocks.length - 1;
    let block = -1;
    // The last block whose first entry is < key.
    while (low <= high) {
      const middle = (low + high) >>> 1;
      this.cursor.at = this.blocks[middle]!;
      const length = readVarint(heap, this.cursor);
      const at = this.cursor.at;
      if (compareBytes(heap, at, at + length, key, start, end) < 0) {
        block = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (block < 0) return 0;
    const first = block << BLOCK_SHIFT;
    const last = Math.min(first + BLOCK_SIZE, this.count);
    for (let i = first + 1; i < last; i += 1) {
      this.decode(i);
      if (compareBytes(this.current.bytes, 0, this.current.length, key, start, end) >= 0) return i;
    }
    return last;
  }

  /** Sum of the numbers of the entries of i's block that come before i. */
  valuesBeforeInBlock(i: number): number {
    const first = (i >> BLOCK_SHIFT) << BLOCK_SHIFT;
    let sum = 0;
    for (let j = first; j < i; j += 1) {
      this.decode(j);
      sum += this.value;
    }
    return sum;
  }

  byteSize(): number {
    return this.heap.byteLength + this.blocks.byteLength;
  }
}

/** Writes entries in sorted order. */
export class FrontCodedBuilder {
  private readonly heap = new ByteWriter(1 << 16);
  private readonly blocks: number[] = [];
  private readonly previous = new ByteWriter(256);
  private count = 0;

  constructor(private readonly hasValues: boolean) {}

  add(bytes: Uint8Array, start: number, end: number, value = 0): void {
    const heap = this.heap;
    const length = end - start;
    if ((this.count & (BLOCK_SIZE - 1)) === 0) {
      this.blocks.push(heap.length);
      heap.varint(length);
      heap.pushBytes(bytes, start, end);
    } else {
      const previous = this.previous;
      const limit = Math.min(previous.length, length);
      let shared = 0;
      while (shared < limit && previous.bytes[shared] === bytes[start + shared]) shared += 1;
      heap.varint(shared);
      heap.varint(length - shared);
      heap.pushBytes(bytes, start + shared, end);
    }
    if (this.hasValues) heap.varint(value);
    this.previous.length = 0;
    this.previous.pushBytes(bytes, start, end);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  finish(): FrontCodedData {
    return {
      count: this.count,
      heap: this.heap.toBytes(),
      blocks: Uint32Array.from(this.blocks),
      hasValues: this.hasValues ? 1 : 0,
    };
  }
}
