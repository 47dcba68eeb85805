/**
 * Matches in the list's order, produced lazily: the base permutation is walked (backwards
 * for descending) with the delta's entries slotted in by rank, and only as far as the deepest
 * window asked for. A later window of the same query goes on from where the walk stopped, so
 * paging to offset 50,000 costs one walk, not one per page.
 */
import type { SearchDirection, SearchSort } from '../search-types';
import { hasBit } from './bitset';
import type { DeltaSegment } from './delta-segment';
import type { Segment } from './segment';

export class OrderedMatches {
  /** Base ordinals, or base.size + delta entry for delta entries. */
  private readonly found: number[] = [];
  private readonly order: Uint32Array;
  private readonly deltaOrder: number[];
  private readonly ranks: number[];
  private readonly ascending: boolean;
  private basePosition: number;
  private deltaPosition: number;

  constructor(
    private readonly base: Segment,
    private readonly baseBits: Uint32Array,
    private readonly delta: DeltaSegment,
    private readonly deltaBits: Uint32Array,
    sort: SearchSort,
    direction: SearchDirection,
    /** How many there are: the walk stops once all are found. */
    readonly total: number,
  ) {
    this.order = base.sorts[sort].data.order;
    this.deltaOrder = delta.orders[sort];
    this.ranks = delta.ranks[sort];
    this.ascending = direction === 'asc';
    this.basePosition = this.ascending ? 0 : this.order.length - 1;
    this.deltaPosition = this.ascending ? 0 : this.deltaOrder.length - 1;
  }

  /** Matches from..to-1 (fewer at the end), as encoded ordinals. */
  slice(from: number, to: number): number[] {
    const want = Math.min(to, this.total);
    if (this.found.length < want) this.walk(want);
    return this.found.slice(from, want);
  }

  private walk(want: number): void {
    const { found, order, deltaOrder, ranks, baseBits, deltaBits } = this;
    const size = this.base.size;
    let p = this.basePosition;
    let q = this.deltaPosition;
    if (this.ascending) {
      while (found.length < want && (p < order.length || q < deltaOrder.length)) {
        const entry = q < deltaOrder.length ? deltaOrder[q]! : -1;
        // A delta entry with rank r sorts just before base position r.
        if (entry >= 0 && (p >= order.length || ranks[entry]! <= p)) {
          if (hasBit(deltaBits, entry)) found.push(size + entry);
          q += 1;
        } else {
          const ordinal = order[p++]!;
          if (baseBits[ordinal >>> 5]! & (1 << (ordinal & 31))) found.push(ordinal);
        }
      }
    } else {
      while (found.length < want && (p >= 0 || q >= 0)) {
        const entry = q >= 0 ? deltaOrder[q]! : -1;
        if (entry >= 0 && (p < 0 || ranks[entry]! > p)) {
          if (hasBit(deltaBits, entry)) found.push(size + entry);
          q -= 1;
        } else {
          const ordinal = order[p--]!;
          if (baseBits[ordinal >>> 5]! & (1 << (ordinal & 31))) found.push(ordinal);
        }
      }
    }
    this.basePosition = p;
    this.deltaPosition = q;
  }

  /** The found list: small integers, 8 bytes each at most. */
  byteSize(): number {
    return this.found.length * 8;
  }

  idOf(encoded: number): string {
    const size = this.base.size;
    return encoded < size ? this.base.ids.idAt(encoded) : this.delta.entries[encoded - size]!.id;
  }
}
