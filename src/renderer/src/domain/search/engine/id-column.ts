/**
 * Ordinal -> customer id without a million JS strings: canonical UUID text (lower-case hex,
 * dashes) as 16 bytes, any other id in a small front-coded side list. Ordinals follow the ids
 * in JS string order (hex digits sort like their bytes), so id -> ordinal is a binary search
 * and "ties by id" in every sort is just ordinal order.
 */
import { cesu8, decodeCesu8 } from './bytes';
import { FrontCodedBuilder, FrontCodedStrings } from './front-coded';
import type { FrontCodedData } from './front-coded';

export type IdColumnData = {
  uuids: Uint8Array;
  /** Ordinals (ascending) whose id is not a canonical UUID, and those ids in the same order. */
  otherOrdinals: Uint32Array;
  others: FrontCodedData;
};

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const DASH_AFTER = new Set([3, 5, 7, 9]);

export function isCanonicalUuid(id: string): boolean {
  return id.length === 36 && CANONICAL.test(id);
}

export class IdColumn {
  private readonly others: FrontCodedStrings;

  constructor(readonly data: IdColumnData) {
    this.others = new FrontCodedStrings(data.others);
  }

  get size(): number {
    return this.data.uuids.length / 16;
  }

  idAt(ordinal: number): string {
    const other = this.otherIndex(ordinal);
    if (other >= 0) {
      this.others.decode(other);
      return decodeCesu8(this.others.current.bytes, 0, this.others.current.length);
    }
    const uuids = this.data.uuids;
    let text = '';
    for (let i = 0; i < 16; i += 1) {
      text += HEX[uuids[ordinal * 16 + i]!];
      if (DASH_AFTER.has(i)) text += '-';
    }
    return text;
  }

  private otherIndex(ordinal: number): number {
    const list = this.data.otherOrdinals;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = list[middle]!;
      if (value === ordinal) return middle;
      if (value < ordinal) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The ordinal of `id`, or -1. */
  ordinalOf(id: string): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.idAt(middle);
      if (found === id) return middle;
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The first ordinal whose id is after `id` in JS string order (size when none). */
  firstAfter(id: string): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.idAt(middle) <= id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  byteSize(): number {
    return this.data.uuids.byteLength + this.data.otherOrdinals.byteLength + this.others.byteSize();
  }
}

/** Takes ids in ordinal order (ascending JS string order). */
export class IdColumnBuilder {
  private readonly uuids: Uint8Array;
  private readonly otherOrdinals: number[] = [];
  private readonly others = new FrontCodedBuilder(false);
  private count = 0;

  constructor(size: number) {
    this.uuids = new Uint8Array(size * 16);
  }

  add(id: string): void {
    const ordinal = this.count++;
    if (isCanonicalUuid(id)) {
      const hex = id.replaceAll('-', '');
      for (let i = 0; i < 16; i += 1) {
        this.uuids[ordinal * 16 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      }
      return;
    }
    this.otherOrdinals.push(ordinal);
    const bytes = cesu8(id);
    this.others.add(bytes, 0, bytes.length);
  }

  /** Copies the id of `ordinal` in `column` (no text round trip for UUIDs). */
  copy(column: IdColumn, ordinal: number): void {
    if (column.data.otherOrdinals.length > 0) return this.add(column.idAt(ordinal));
    const target = this.count++;
    this.uuids.set(column.data.uuids.subarray(ordinal * 16, ordinal * 16 + 16), target * 16);
  }

  finish(): IdColumnData {
    return {
      uuids: this.uuids,
      otherOrdinals: Uint32Array.from(this.otherOrdinals),
      others: this.others.finish(),
    };
  }
}
