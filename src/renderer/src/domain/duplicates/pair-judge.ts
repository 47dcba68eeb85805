/**
 * Decides, for the index's current state, whether two customers are a pair and why. One judge
 * serves one operation: it caches the docs it unpacks and forgets them with the operation.
 */
import { reasonBits } from './confidence';
import type { DocStore } from './doc-store';
import type { KeyBuckets } from './key-buckets';
import type { KeyDoc } from './keys';
import { blockingKeys, keyKind, phoneKey } from './keys';
import type { DuplicateReason } from './reasons';
import { pairReasons } from './reasons';
import { DUPLICATE_RULES } from './rules';

const NO_KEYS: ReadonlySet<string> = new Set();

export type DocView = { doc: KeyDoc; keys: string[] };

export function viewOf(doc: KeyDoc): DocView {
  return { doc, keys: blockingKeys(doc) };
}

export type JudgeSetup = {
  store: DocStore;
  buckets: KeyBuckets;
  hash: (key: string) => number;
  maxShare: number;
  /** A customer not in the index, counted as if it were (a probe); its slot, if any, is skipped. */
  virtual?: { view: DocView; replaces: number | undefined };
};

export class PairJudge {
  private readonly views = new Map<number, DocView | null>();
  private readonly virtualKeys: ReadonlySet<string>;

  constructor(private readonly setup: JudgeSetup) {
    this.virtualKeys = setup.virtual ? new Set(setup.virtual.view.keys) : NO_KEYS;
  }

  view(slot: number): DocView | undefined {
    let view = this.views.get(slot);
    if (view === undefined) {
      const doc = this.setup.store.docAt(slot);
      view = doc ? viewOf(doc) : null;
      this.views.set(slot, view);
    }
    return view ?? undefined;
  }

  /** Tells the judge a slot's doc it already has, so it is not unpacked again. */
  seed(slot: number, view: DocView): void {
    this.views.set(slot, view);
  }

  /** Distinct slots that really hold `key` (hashes collide), at most `limit + 1` of them. */
  holders(key: string, limit = Number.POSITIVE_INFINITY): number[] {
    const { buckets, hash, virtual } = this.setup;
    const h = hash(key);
    const members = buckets.membersOf(h).filter((slot) => slot !== virtual?.replaces);
    if (!buckets.isMixed(h)) {
      // One key in the bucket: one member tells whether it is this key.
      const holds = members.length > 0 && this.view(members[0] as number)?.keys.includes(key);
      return holds ? members.slice(0, limit + 1) : [];
    }
    const found: number[] = [];
    for (const slot of members) {
      if (found.includes(slot) || !this.view(slot)?.keys.includes(key)) continue;
      found.push(slot);
      if (found.length > limit) break;
    }
    return found;
  }

  /** How many customers hold `key`, exact up to `limit + 1`. */
  count(key: string, limit: number): number {
    const extra = this.virtualKeys.has(key) ? 1 : 0;
    if (this.setup.buckets.sizeOf(this.setup.hash(key)) === 0) return extra;
    return Math.min(this.holders(key, limit).length + extra, limit + 1);
  }

  /** Held by more customers than a key may pair (rules.ts: MAX_KEY_SHARE). */
  isCommon(key: string): boolean {
    const { maxShare } = this.setup;
    const extra = this.virtualKeys.has(key) ? 1 : 0;
    if (this.setup.buckets.sizeOf(this.setup.hash(key)) + extra <= maxShare) return false;
    return this.count(key, maxShare) > maxShare;
  }

  reasons(x: DocView, y: DocView): DuplicateReason[] {
    return pairReasons(x.doc, y.doc, (phone) => this.isCommon(phoneKey(phone)));
  }

  /** The pair's reason bits, or 0 when no rule pairs them through a key that is not common. */
  bits(x: DocView, y: DocView): number {
    const shared = x.keys.filter((key) => y.keys.includes(key));
    if (shared.length === 0) return 0;
    const reasons = this.reasons(x, y);
    for (const key of shared)
      if (!this.isCommon(key) && DUPLICATE_RULES[keyKind(key)].fires(reasons))
        return reasonBits(reasons);
    return 0;
  }
}
