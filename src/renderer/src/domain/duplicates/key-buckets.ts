/**
 * Blocking-key hash -> the slots holding a key with that hash. Most keys belong to one
 * customer, so a bucket of one is stored as the bare slot number (no array): at a million
 * customers that is most of the index's memory saved. Two keys of one customer with the same
 * hash put the slot in the bucket twice (a multiset), so removing one key leaves the other.
 *
 * A bucket is "pure" while all its memberships are of one key, which is nearly always: then
 * its size is that key's count, and no customer needs reading to count. A bucket where two
 * keys met is marked mixed until it is down to one membership; counting one reads its members.
 */
export class KeyBuckets {
  private readonly buckets = new Map<number, number | number[]>();
  private readonly mixed = new Set<number>();

  isMixed(hash: number): boolean {
    return this.mixed.has(hash);
  }

  markMixed(hash: number): void {
    this.mixed.add(hash);
  }

  add(hash: number, slot: number): void {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, slot);
    else if (typeof bucket === 'number') this.buckets.set(hash, [bucket, slot]);
    else bucket.push(slot);
  }

  remove(hash: number, slot: number): void {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return;
    if (typeof bucket === 'number') {
      if (bucket === slot) this.buckets.delete(hash);
      this.mixed.delete(hash);
      return;
    }
    const at = bucket.indexOf(slot);
    if (at < 0) return;
    bucket[at] = bucket[bucket.length - 1] as number;
    bucket.pop();
    if (bucket.length > 1) return;
    this.buckets.set(hash, bucket[0] as number);
    this.mixed.delete(hash);
  }

  /** How many memberships the bucket holds (an upper bound of any one key's customers). */
  sizeOf(hash: number): number {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return 0;
    return typeof bucket === 'number' ? 1 : bucket.length;
  }

  membersOf(hash: number): readonly number[] {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return [];
    return typeof bucket === 'number' ? [bucket] : bucket;
  }

  get keyCount(): number {
    return this.buckets.size;
  }
}
