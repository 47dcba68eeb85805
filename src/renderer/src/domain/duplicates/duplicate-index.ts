/**
 * Possible duplicates among all customers, kept current one change at a time. A worker holds
 * one index: it is built once from every customer (add each doc), then each write to a
 * customer is one `update`, whose answer says which pairs appeared, changed or went.
 *
 * The index holds blocking-key hashes -> slots (key-buckets.ts), a packed doc per slot
 * (doc-store.ts) and the pairs found (pair-links.ts). Whether two customers are a pair is
 * decided by PairJudge from their docs and the key counts alone, whatever order the changes
 * came in: the incremental index always equals one rebuilt from the same docs.
 */
import type { DuplicateCandidateDoc } from './candidate-doc';
import { normalizeCandidateDoc } from './candidate-doc';
import type { Confidence } from './confidence';
import {
  CONFIDENCE_RANK,
  confidenceOfBits,
  confidenceOf,
  rankOfBits,
  scoreOfBits,
} from './confidence';
import { DocStore } from './doc-store';
import { applyChange } from './index-change';
import type { IndexState } from './index-state';
import { bestFirst, compareIds, judgeOf, materializePair } from './index-state';
import { KeyBuckets } from './key-buckets';
import type { KeyDoc } from './keys';
import { hashKey } from './keys';
import { viewOf } from './pair-judge';
import type { DuplicatePair, PairDelta } from './pair-delta';
import { emptyDelta, orderedRef, pairId } from './pair-delta';
import { PairLinks } from './pair-links';
import { MAX_KEY_SHARE } from './rules';

export type DuplicateIndexOptions = {
  /** Pairs marked "not a duplicate" (synced): never listed. */
  dismissed?: Iterable<readonly [string, string]>;
  /** Tests only: a key may pair at most this many customers (default MAX_KEY_SHARE). */
  maxKeyShare?: number;
  /** Tests only: a weaker hash (an integer), to prove that colliding keys change nothing. */
  hash?: (key: string) => number;
};

export type PairQuery = { minConfidence?: Confidence; limit?: number };

/** A customer the probed doc would pair with, had it been added. */
export type ProbeMatch = Omit<DuplicatePair, 'a' | 'b'> & { id: string };

export class DuplicateIndex {
  private readonly state: IndexState;

  constructor(options: DuplicateIndexOptions = {}) {
    this.state = {
      store: new DocStore(),
      buckets: new KeyBuckets(),
      links: new PairLinks(),
      dismissed: new Set([...(options.dismissed ?? [])].map(([x, y]) => pairId(x, y))),
      // The table takes non-negative hashes; a test's weak hash is kept in range.
      hash: options.hash
        ? (key) => (options.hash as (key: string) => number)(key) & 0x3fffffff
        : hashKey,
      maxShare: options.maxKeyShare ?? MAX_KEY_SHARE,
    };
  }

  /** The full scan: every customer added once. */
  static build(docs: Iterable<DuplicateCandidateDoc>, options?: DuplicateIndexOptions) {
    const index = new DuplicateIndex(options);
    for (const doc of docs)
      if (doc.deleted === 0) applyChange(index.state, doc.id, normalizeCandidateDoc(doc), false);
      else applyChange(index.state, doc.id, null, false);
    return index;
  }

  /** Customers held (live ones only). */
  get size(): number {
    return this.state.store.size;
  }

  has(id: string): boolean {
    return this.state.store.slotOf(id) !== undefined;
  }

  /** Adds or replaces a customer's doc; a deleted doc removes the customer. */
  add(doc: DuplicateCandidateDoc): PairDelta {
    if (doc.deleted === 1) return this.remove(doc.id);
    return applyChange(this.state, doc.id, normalizeCandidateDoc(doc));
  }

  update(doc: DuplicateCandidateDoc): PairDelta {
    return this.add(doc);
  }

  /** Takes a customer out (deleted or merged away), by id or by its doc. */
  remove(customer: string | Pick<DuplicateCandidateDoc, 'id'>): PairDelta {
    return applyChange(this.state, typeof customer === 'string' ? customer : customer.id, null);
  }

  /** "Not a duplicate": the pair is never listed again, whatever changes (until undismissed). */
  dismiss(x: string, y: string): PairDelta {
    const delta = emptyDelta();
    if (x === y || this.state.dismissed.has(pairId(x, y))) return delta;
    const live = this.currentPair(x, y);
    this.state.dismissed.add(pairId(x, y));
    if (live) delta.disappeared.push(orderedRef(x, y));
    return delta;
  }

  undismiss(x: string, y: string): PairDelta {
    const delta = emptyDelta();
    if (!this.state.dismissed.delete(pairId(x, y))) return delta;
    const live = this.currentPair(x, y);
    if (live) delta.appeared.push(live);
    return delta;
  }

  isDismissed(x: string, y: string): boolean {
    return this.state.dismissed.has(pairId(x, y));
  }

  /** The listed pairs, best first (confidence, score, then ids); a page with `limit`. */
  pairs(query: PairQuery = {}): DuplicatePair[] {
    const floor = CONFIDENCE_RANK[query.minConfidence ?? 'low'];
    const { store, links, dismissed } = this.state;
    const found: { x: number; y: number; rank: number; a: string; b: string }[] = [];
    for (const [x, y, bits] of links.all()) {
      if (CONFIDENCE_RANK[confidenceOfBits(bits)] < floor) continue;
      const ref = orderedRef(store.idOf(x), store.idOf(y));
      if (!dismissed.has(pairId(ref.a, ref.b)))
        found.push({ x, y, rank: rankOfBits(bits), ...ref });
    }
    found.sort((p, q) => q.rank - p.rank || compareIds(p.a, q.a) || compareIds(p.b, q.b));
    const judge = judgeOf(this.state);
    return found
      .slice(0, query.limit ?? found.length)
      .map((p) => materializePair(this.state, judge, p.x, p.y));
  }

  /** The listed pairs of one customer, best first ("Possible duplicate of ..."). */
  pairsFor(id: string): DuplicatePair[] {
    const { store, links, dismissed } = this.state;
    const slot = store.slotOf(id);
    if (slot === undefined) return [];
    const judge = judgeOf(this.state);
    return links
      .partnersOf(slot)
      .filter((partner) => !dismissed.has(pairId(id, store.idOf(partner))))
      .map((partner) => materializePair(this.state, judge, slot, partner))
      .sort(bestFirst);
  }

  /** Listed pairs per confidence (the "merge all high-confidence pairs" preview). */
  counts(): Record<Confidence, number> {
    const counts: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
    const { store, links, dismissed } = this.state;
    for (const [x, y, bits] of links.all())
      if (!dismissed.has(pairId(store.idOf(x), store.idOf(y)))) counts[confidenceOfBits(bits)] += 1;
    return counts;
  }

  /**
   * The customers `doc` would pair with if it were added (an import row, a form being typed),
   * without changing the index. A doc whose id is indexed is judged as if it replaced it.
   */
  probe(doc: DuplicateCandidateDoc): ProbeMatch[] {
    const { store, dismissed } = this.state;
    const view = viewOf(normalizeCandidateDoc(doc));
    const judge = judgeOf(this.state, { view, replaces: store.slotOf(doc.id) });
    const candidates = new Set<number>();
    for (const key of view.keys)
      if (!judge.isCommon(key)) for (const slot of judge.holders(key)) candidates.add(slot);
    const matches: ProbeMatch[] = [];
    for (const slot of candidates) {
      const other = judge.view(slot);
      const id = store.idOf(slot);
      if (!other || id === doc.id || dismissed.has(pairId(doc.id, id))) continue;
      const bits = judge.bits(view, other);
      if (bits === 0) continue;
      const reasons = judge.reasons(view, other);
      matches.push({ id, confidence: confidenceOf(reasons), score: scoreOfBits(bits), reasons });
    }
    return matches.sort((p, q) => bestFirst({ ...p, a: p.id, b: '' }, { ...q, a: q.id, b: '' }));
  }

  /** The doc the index holds for a customer (normalized, without id and time). */
  docOf(id: string): KeyDoc | undefined {
    const slot = this.state.store.slotOf(id);
    return slot === undefined ? undefined : this.state.store.docAt(slot);
  }

  /** Sizes, for the benchmark. */
  stats(): { customers: number; keys: number; pairs: number } {
    const { store, buckets, links } = this.state;
    return { customers: store.size, keys: buckets.keyCount, pairs: links.size };
  }

  private currentPair(x: string, y: string): DuplicatePair | null {
    const { store, links } = this.state;
    const [sx, sy] = [store.slotOf(x), store.slotOf(y)];
    if (sx === undefined || sy === undefined || links.bitsOf(sx, sy) === 0) return null;
    return materializePair(this.state, judgeOf(this.state), sx, sy);
  }
}
