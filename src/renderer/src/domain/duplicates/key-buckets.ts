/**
 * Blocking-key hash -> the slots holding a key with that hash, in typed arrays: an
 * open-addressing table (linear probing, backward-shift deletion) of hash and value, 8 bytes a
 * key at most 70% full, where a Map costs 40 or more (measured: docs/duplicates.md). Most
 * keys belong to one customer, so the value is the slot itself; a bucket of two or more
 * keeps its slots in a small array, and the value points at it (-1 - list index).
 *
 * Two keys of one customer with the same hash put the slot in the bucket twice (a multiset),
 * so removing one key leaves the other. A bucket is "pure" while all its memberships are of
 * one key, which is nearly always: then its size is that key's count, and no customer needs
 * reading to count. A bucket where two keys met is "mixed" until it is down to one
 * membership; counting one of its keys reads its members.
 */
const EMPTY = -1;
const MAX_LOAD = 0.7;

export class KeyBuckets {
  private hashes: Int32Array;
  private values: Int32Array;
  private used = 0;
  private readonly lists: (number[] | undefined)[] = [];
  private readonly freeLists: number[] = [];
  private readonly mixed = new Set<number>();

  constructor(capacity = 1024) {
    this.hashes = new Int32Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
  }

  /** Distinct hashes held. */
  get keyCount(): number {
    return this.used;
  }

  isMixed(hash: number): boolean {
    return this.mixed.has(hash);
  }

  markMixed(hash: number): void {
    this.mixed.add(hash);
  }

  add(hash: number, slot: number): void {
    const at = this.find(hash);
    if (this.hashes[at] === EMPTY) {
      this.hashes[at] = hash;
      this.values[at] = slot;
      this.used += 1;
      if (this.used > this.hashes.length * MAX_LOAD) this.grow();
      return;
    }
    const value = this.values[at] as number;
    if (value < 0) {
      (this.lists[-1 - value] as number[]).push(slot);
      return;
    }
    const index = this.freeLists.pop() ?? this.lists.length;
    this.lists[index] = [value, slot];
    this.values[at] = -1 - index;
  }

  remove(hash: number, slot: number): void {
    const at = this.find(hash);
    if (this.hashes[at] === EMPTY) return;
    const value = this.values[at] as number;
    if (value >= 0) {
      if (value === slot) this.deleteAt(at);
      return;
    }
    const list = this.lists[-1 - value] as number[];
    const i = list.indexOf(slot);
    if (i < 0) return;
    list[i] = list[list.length - 1] as number;
    list.pop();
    if (list.length > 1) return;
    this.values[at] = list[0] as number;
    this.lists[-1 - value] = undefined;
    this.freeLists.push(-1 - value);
    this.mixed.delete(hash);
  }

  /** How many memberships the bucket holds (an upper bound of any one key's customers). */
  sizeOf(hash: number): number {
    const at = this.find(hash);
    if (this.hashes[at] === EMPTY) return 0;
    const value = this.values[at] as number;
    return value >= 0 ? 1 : (this.lists[-1 - value] as number[]).length;
  }

  membersOf(hash: number): readonly number[] {
    const at = this.find(hash);
    if (this.hashes[at] === EMPTY) return [];
    const value = this.values[at] as number;
    return value >= 0 ? [value] : (this.lists[-1 - value] as number[]);
  }

  /** The position holding `hash`, or the empty position where it would go. */
  private find(hash: number): number {
    const size = this.hashes.length;
    let at = hash % size;
    while (this.hashes[at] !== EMPTY && this.hashes[at] !== hash) at = at + 1 === size ? 0 : at + 1;
    return at;
  }

  /** Empties a position and moves later entries of the run back, so no search stops early. */
  private deleteAt(at: number): void {
    const size = this.hashes.length;
    this.mixed.delete(this.hashes[at] as number);
    let hole = at;
    let next = at + 1 === size ? 0 : at + 1;
    while (this.hashes[next] !== EMPTY) {
      const home = (this.hashes[next] as number) % size;
      // The entry may fill the hole when its home is not between the hole and itself.
      const movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (movable) {
        this.hashes[hole] = this.hashes[next] as number;
        this.values[hole] = this.values[next] as number;
        hole = next;
      }
      next = next + 1 === size ? 0 : next + 1;
    }
    this.hashes[hole] = EMPTY;
    this.used -= 1;
  }

  private grow(): void {
    const [hashes, values] = [this.hashes, this.values];
    const size = Math.ceil(hashes.length * 1.5);
    this.hashes = new Int32Array(size).fill(EMPTY);
    this.values = new Int32Array(size);
    for (let i = 0; i < hashes.length; i += 1) {
      if (hashes[i] === EMPTY) continue;
      const at = this.find(hashes[i] as number);
      this.hashes[at] = hashes[i] as number;
      this.values[at] = values[i] as number;
    }
  }
}
