/**
 * Date sort keys in sorted order, compressed: the "no date" keys (-Infinity) are counted, the
 * rest stored as varint differences from the previous key with an absolute anchor every 64.
 * Keys are whole milliseconds (Date.parse gives nothing else), so differences are exact; a
 * million customers spread over years differ by ~10^5 ms, 3 bytes instead of 8. Dates so far
 * apart that a difference is not exact in a double (beyond ±140,000 years) keep the column
 * as plain float64.
 */
import { ByteWriter, readVarint } from './bytes';

export type TimeKeysData = {
  /** Set instead of the rest when differences would not be exact. */
  plain: Float64Array | null;
  /** The first `missing` entries are -Infinity. */
  missing: number;
  count: number;
  anchors: Float64Array;
  offsets: Uint32Array;
  deltas: Uint8Array;
};

const BLOCK_SHIFT = 6;
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;

export class TimeKeys {
  private readonly cursor = { at: 0 };
  private index = -1;
  private value = 0;

  constructor(readonly data: TimeKeysData) {}

  at(i: number): number {
    const { plain, missing, anchors, offsets, deltas } = this.data;
    if (plain) return plain[i]!;
    if (i < missing) return Number.NEGATIVE_INFINITY;
    const k = i - missing;
    // Reading on from the last position is the common case (merges, neighbouring searches).
    if (!(k >= this.index && k >> BLOCK_SHIFT === this.index >> BLOCK_SHIFT && this.index >= 0)) {
      this.index = (k >> BLOCK_SHIFT) << BLOCK_SHIFT;
      this.value = anchors[k >> BLOCK_SHIFT]!;
      this.cursor.at = offsets[k >> BLOCK_SHIFT]!;
    }
    while (this.index < k) {
      this.value += readVarint(deltas, this.cursor);
      this.index += 1;
    }
    return this.value;
  }

  byteSize(): number {
    const d = this.data;
    return (
      (d.plain?.byteLength ?? 0) + d.anchors.byteLength + d.offsets.byteLength + d.deltas.byteLength
    );
  }
}

/** Takes keys in ascending order. */
export class TimeKeysBuilder {
  private missing = 0;
  private count = 0;
  private readonly anchors: number[] = [];
  private readonly offsets: number[] = [];
  private readonly deltas = new ByteWriter(1 << 12);
  private previous = 0;
  private exact = true;
  private all = new Float64Array(1024);

  add(key: number): void {
    if (this.count === this.all.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.all);
      this.all = grown;
    }
    this.all[this.count] = key;
    this.count += 1;
    if (key === Number.NEGATIVE_INFINITY) {
      this.missing += 1;
      return;
    }
    const k = this.count - 1 - this.missing;
    if ((k & BLOCK_MASK) === 0) {
      this.anchors.push(key);
      this.offsets.push(this.deltas.length);
    } else {
      const delta = key - this.previous;
      if (this.previous + delta !== key || delta > Number.MAX_SAFE_INTEGER) this.exact = false;
      else this.deltas.varint(delta);
    }
    this.previous = key;
  }

  finish(): TimeKeysData {
    const empty = {
      anchors: new Float64Array(0),
      offsets: new Uint32Array(0),
      deltas: new Uint8Array(0),
    };
    if (!this.exact) {
      return { plain: this.all.slice(0, this.count), missing: 0, count: this.count, ...empty };
    }
    return {
      plain: null,
      missing: this.missing,
      count: this.count,
      anchors: Float64Array.from(this.anchors),
      offsets: Uint32Array.from(this.offsets),
      deltas: this.deltas.toBytes(),
    };
  }
}
