/**
 * Compact per-file indexes for the import's reading pass, so that a million-row file costs a
 * few bytes per row in memory instead of a candidate object per row (the candidates are
 * staged in IndexedDB; see services/crm/import/import-staging.ts).
 *
 * FirstRowIndex remembers, for each dedupe key (normalized email, Encore ID), the first row
 * that had it, keyed by a 64-bit hash of the key: 12 bytes per slot in typed arrays, no string
 * kept. Two different keys with the same 64-bit hash would make two unrelated rows look like
 * duplicate candidates; that only means both are planned with their full content (the plan
 * itself compares the real keys), so a collision costs memory, never correctness.
 */

/** cyrb53's mixing, returning both 32-bit halves (public domain, bryc). */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

const EMPTY = -1;

export class FirstRowIndex {
  private high: Uint32Array;
  private low: Uint32Array;
  private rows: Int32Array;
  private used = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(EMPTY);
  }

  get size(): number {
    return this.used;
  }

  /**
   * Records `row` as having `key`. Returns the earlier row that had the key first, or null
   * when `row` is the first (or the key was recorded for this same row before).
   */
  claim(key: string, row: number): number | null {
    const [high, low] = hash64(key);
    const slot = this.find(high, low);
    const first = this.rows[slot] ?? EMPTY;
    if (first !== EMPTY) return first === row ? null : first;
    this.high[slot] = high;
    this.low[slot] = low;
    this.rows[slot] = row;
    this.used += 1;
    // Half full at most: linear probing stays short.
    if (this.used * 2 > this.rows.length) this.grow();
    return null;
  }

  /** The first row recorded for `key`, or null. */
  firstRow(key: string): number | null {
    const [high, low] = hash64(key);
    const first = this.rows[this.find(high, low)] ?? EMPTY;
    return first === EMPTY ? null : first;
  }

  /** The slot holding this hash, or the empty slot where it belongs. */
  private find(high: number, low: number): number {
    const mask = this.rows.length - 1;
    let slot = (high ^ low) & mask;
    while (this.rows[slot] !== EMPTY && (this.high[slot] !== high || this.low[slot] !== low))
      slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2).fill(EMPTY);
    for (let slot = 0; slot < rows.length; slot++) {
      const row = rows[slot] ?? EMPTY;
      if (row === EMPTY) continue;
      const to = this.find(high[slot] ?? 0, low[slot] ?? 0);
      this.high[to] = high[slot] ?? 0;
      this.low[to] = low[slot] ?? 0;
      this.rows[to] = row;
    }
  }
}

/** A few bits per row number, growing as rows come. */
export class RowFlags {
  private bits = new Uint8Array(1024);

  has(row: number, flag: number): boolean {
    return ((this.bits[row] ?? 0) & flag) !== 0;
  }

  add(row: number, flag: number): void {
    if (row >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(row + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    this.bits[row] = (this.bits[row] ?? 0) | flag;
  }

  /** How many rows in [from, to] have every bit of `all` and none of `none`. */
  count(from: number, to: number, all: number, none = 0): number {
    let count = 0;
    for (let row = from; row <= to; row++) {
      const bits = this.bits[row] ?? 0;
      if ((bits & all) === all && (bits & none) === 0) count += 1;
    }
    return count;
  }
}
