/**
 * The customer search engine (docs/search.md): an immutable compact base segment, a small
 * delta for changes since, and the query cache. Pure: no DOM, no database; the search worker
 * feeds it documents and persists its snapshots.
 */
import { hasBit, newBitset, popcount, setBit } from './engine/bitset';
import { DeltaSegment } from './engine/delta-segment';
import { mergeSegments } from './engine/merge-segments';
import { prepareDoc } from './engine/prepared-doc';
import { QueryCache } from './engine/query-cache';
import { buildSegment, distinctById } from './engine/segment';
import type { Segment } from './engine/segment';
import { decodeSnapshot, encodeSnapshot } from './engine/snapshot';
import type { SearchDoc, SearchQuery, SearchResult, SearchWindow } from './search-types';

export type SearchIndexOptions = {
  /** Compact once the delta holds more entries than this share of the base (default 3%). */
  compactShare?: number;
  /** ...and at least this many (default 2,048). */
  compactMinimum?: number;
  /** Builder: documents per chunk segment before merging (default 65,536; tests use tiny ones). */
  chunkSize?: number;
};

function checkWindow({ offset, limit }: SearchWindow): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(
      `A search window needs whole numbers >= 0 (offset ${offset}, limit ${limit}).`,
    );
  }
}

export class SearchIndex {
  private base: Segment;
  private dead: Uint32Array;
  private deadCount = 0;
  private delta = new DeltaSegment();
  private cache: QueryCache;
  private readonly compactShare: number;
  private readonly compactMinimum: number;

  constructor(base: Segment, options: SearchIndexOptions = {}, dead?: Uint32Array) {
    this.base = base;
    this.dead = dead ?? newBitset(base.size);
    this.deadCount = dead ? popcount(dead) : 0;
    this.cache = new QueryCache(base, this.dead, this.delta);
    this.compactShare = options.compactShare ?? 0.03;
    this.compactMinimum = options.compactMinimum ?? 2048;
  }

  /** Live customers. */
  get size(): number {
    return this.base.size - this.deadCount + this.delta.liveCount;
  }

  /** Adds or replaces customers (by id); a later document of the same id wins. */
  upsert(docs: readonly SearchDoc[]): void {
    const prepared = docs.map(prepareDoc);
    for (const doc of prepared) this.removeFromBase(doc.id);
    this.delta.add(prepared, this.base);
    this.changed();
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.removeFromBase(id);
      this.delta.remove(id);
    }
    this.changed();
  }

  private removeFromBase(id: string): void {
    const ordinal = this.base.ids.ordinalOf(id);
    if (ordinal < 0 || hasBit(this.dead, ordinal)) return;
    setBit(this.dead, ordinal);
    this.deadCount += 1;
  }

  private changed(): void {
    const limit = Math.max(this.compactMinimum, this.compactShare * this.base.size);
    if (this.delta.size > limit) this.compact();
    else this.cache = new QueryCache(this.base, this.dead, this.delta);
  }

  /** Folds the delta and the removals into a new base, in O(total), without the documents. */
  compact(): void {
    if (this.delta.size === 0 && this.deadCount === 0) return;
    const changes = buildSegment(distinctById(this.delta.liveEntries()));
    this.base = mergeSegments(
      { segment: this.base, dead: this.dead },
      { segment: changes, dead: null },
    );
    this.dead = newBitset(this.base.size);
    this.deadCount = 0;
    this.delta = new DeltaSegment();
    this.cache = new QueryCache(this.base, this.dead, this.delta);
  }

  query(query: SearchQuery, window: SearchWindow): SearchResult {
    checkWindow(window);
    const { exact, close } = this.cache.ordered(query);
    const end = window.offset + window.limit;
    const exactPart = exact.slice(window.offset, end);
    const closePart = close.slice(
      Math.max(0, window.offset - exact.total),
      Math.max(0, end - exact.total),
    );
    return {
      exactCount: exact.total,
      closeCount: close.total,
      ids: [...exactPart.map((e) => exact.idOf(e)), ...closePart.map((e) => close.idOf(e))],
      firstCloseIndex: exactPart.length,
    };
  }

  /** Every id of the result in order (exact, then close): for exports. */
  allIds(query: SearchQuery): string[] {
    const { exact, close } = this.cache.ordered(query);
    return this.query(query, { offset: 0, limit: exact.total + close.total }).ids;
  }

  /**
   * Live customers whose id is after `after` and up to `through` (JS string order; null: no
   * bound). The search host's audit compares it with the list rows of the same key range, one
   * range per transaction (docs/search.md, "Audit").
   */
  countIdsBetween(after: string | null, through: string | null): number {
    const ids = this.base.ids;
    const low = after === null ? 0 : ids.firstAfter(after);
    const high = through === null ? ids.size : ids.firstAfter(through);
    let count = 0;
    for (let ordinal = low; ordinal < high; ordinal += 1) {
      if (!hasBit(this.dead, ordinal)) count += 1;
    }
    for (const entry of this.delta.liveEntries()) {
      if ((after === null || entry.id > after) && (through === null || entry.id <= through))
        count += 1;
    }
    return count;
  }

  /**
   * The id `steps` ids after `after` in the base segment's id order (null: past its end), live
   * or not: the end of the audit's next key range, so the database counts that range (a count,
   * not a read of its keys) and the index counts it with countIdsBetween.
   */
  idStepsAfter(after: string | null, steps: number): string | null {
    const ids = this.base.ids;
    const ordinal = (after === null ? 0 : ids.firstAfter(after)) + steps - 1;
    return ordinal < ids.size ? ids.idAt(ordinal) : null;
  }

  /** Distinct tags of live customers, in JS string order (the filter menu). */
  tags(): string[] {
    return this.cache.liveTags();
  }

  /** Bytes of the typed arrays and strings held, the delta estimated (docs/search.md). */
  memoryBytes(): number {
    return (
      this.base.byteSize() + this.dead.byteLength + this.delta.byteSize() + this.cache.byteSize()
    );
  }

  toSnapshot(): Uint8Array<ArrayBuffer> {
    return encodeSnapshot(this.base, this.dead, this.delta.liveEntries());
  }

  static fromSnapshot(bytes: Uint8Array, options: SearchIndexOptions = {}): SearchIndex {
    const { base, dead, delta } = decodeSnapshot(bytes);
    const index = new SearchIndex(base, options, dead);
    index.delta.add(delta, index.base);
    index.cache = new QueryCache(index.base, index.dead, index.delta);
    return index;
  }
}

/** Documents arrive in batches (a worker reading the database); memory stays compact. */
export type SearchIndexBuilder = { add(docs: readonly SearchDoc[]): void; finish(): SearchIndex };

/** Documents per chunk segment; chunks of similar size are merged as they come. */
const DEFAULT_CHUNK = 65_536;

export function createSearchIndexBuilder(options: SearchIndexOptions = {}): SearchIndexBuilder {
  const chunk = options.chunkSize ?? DEFAULT_CHUNK;
  const segments: Segment[] = [];
  let pending: ReturnType<typeof prepareDoc>[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    segments.push(buildSegment(distinctById(pending)));
    pending = [];
    // Like a binary counter: merge while the last two are of similar size (O(n log n) in all).
    while (segments.length > 1 && segments.at(-2)!.size <= 2 * segments.at(-1)!.size) {
      const newer = segments.pop()!;
      const older = segments.pop()!;
      segments.push(mergeSegments({ segment: older, dead: null }, { segment: newer, dead: null }));
    }
  };
  return {
    add(docs) {
      for (const doc of docs) {
        pending.push(prepareDoc(doc));
        if (pending.length >= chunk) flush();
      }
    },
    finish() {
      flush();
      let base = segments.pop() ?? buildSegment([]);
      while (segments.length > 0) {
        base = mergeSegments(
          { segment: segments.pop()!, dead: null },
          { segment: base, dead: null },
        );
      }
      return new SearchIndex(base, options);
    },
  };
}

export function createSearchIndex(docs: Iterable<SearchDoc>, options: SearchIndexOptions = {}) {
  const builder = createSearchIndexBuilder(options);
  builder.add([...docs]);
  return builder.finish();
}
