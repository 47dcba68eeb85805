/**
 * One change to an index (add, update or remove a customer), and what it did to the pairs.
 *
 * Only the changed customer's keys change their counts, so the pairs that can change are:
 * the customer's old pairs, the customers sharing one of its new keys, and, when a key's
 * count crosses MAX_KEY_SHARE (up or down), the pairs among that key's holders (at most
 * MAX_KEY_SHARE + 1 of them). Everything else is untouched, which keeps a change cheap.
 */
import type { DuplicateCandidateDoc } from './candidate-doc';
import { packDoc, withNameKey } from './doc-store';
import { keyKind } from './keys';
import type { IndexState } from './index-state';
import { compareIds, judgeOf, materializePair } from './index-state';
import type { PairJudge } from './pair-judge';
import { viewOf } from './pair-judge';
import type { PairDelta, PairRef } from './pair-delta';
import { emptyDelta, orderedRef, pairId } from './pair-delta';

type Touched = { x: number; y: number; phoneCrossed: boolean };

/** The pairs one change must judge again, collected while the buckets change. */
class Recheck {
  readonly touched = new Map<number, Touched>();

  constructor(
    private readonly state: IndexState,
    private readonly judge: PairJudge,
  ) {}

  pair(x: number, y: number, phoneCrossed = false): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = a * 2 ** 26 + b;
    const earlier = this.touched.get(key)?.phoneCrossed ?? false;
    this.touched.set(key, { x: a, y: b, phoneCrossed: phoneCrossed || earlier });
  }

  /** Every pair among the key's holders: its count crossed the limit. */
  holdersOf(key: string): void {
    const holders = this.judge.holders(key);
    const phone = keyKind(key) === 'phone';
    for (const x of holders) for (const y of holders) if (x < y) this.pair(x, y, phone);
  }

  /** Whether exactly `count` customers hold the key now (cheap unless its bucket is full). */
  holdExactly(key: string, count: number): boolean {
    const { buckets, hash, maxShare } = this.state;
    return buckets.sizeOf(hash(key)) >= count && this.judge.count(key, maxShare + 1) === count;
  }

  /** Marks the key's bucket mixed when the membership just added is of another key. */
  keepPurity(key: string, slot: number): void {
    const hash = this.state.hash(key);
    const { buckets } = this.state;
    const members = buckets.membersOf(hash);
    if (members.length < 2 || buckets.isMixed(hash)) return;
    // Two memberships of one customer are two different keys of its own.
    const other = members.find((member) => member !== slot);
    if (other === undefined || !this.judge.view(other)?.keys.includes(key)) buckets.markMixed(hash);
  }
}

export function applyChange(
  state: IndexState,
  id: string,
  next: DuplicateCandidateDoc | null,
  report = true,
): PairDelta {
  const { store, buckets, links, hash, maxShare } = state;
  const before = store.slotOf(id);
  const nextDoc = next ? withNameKey(next) : undefined;
  const nextPacked = nextDoc ? packDoc(nextDoc) : undefined;
  if (before === undefined ? nextPacked === undefined : store.packedAt(before) === nextPacked)
    return emptyDelta();

  // The customer's pairs as they read before, to tell a changed reason from an unchanged one.
  let oldKeys: string[] = [];
  const oldPartners = before === undefined ? [] : links.partnersOf(before);
  const oldReasons = new Map<number, string>();
  if (before !== undefined) {
    const oldJudge = judgeOf(state);
    oldKeys = oldJudge.view(before)?.keys ?? [];
    for (const partner of report ? oldPartners : []) {
      const pair = materializePair(state, oldJudge, before, partner);
      oldReasons.set(partner, JSON.stringify(pair.reasons));
    }
  }

  const slot = nextPacked === undefined ? (before as number) : store.put(id, nextPacked);
  if (nextPacked === undefined) store.release(slot);
  const judge = judgeOf(state);
  if (nextDoc) judge.seed(slot, viewOf(nextDoc));
  const recheck = new Recheck(state, judge);
  for (const partner of oldPartners) recheck.pair(slot, partner);
  const newKeys = judge.view(slot)?.keys ?? [];
  for (const key of oldKeys) {
    if (newKeys.includes(key)) continue;
    buckets.remove(hash(key), slot);
    // Down from one over the limit: the key pairs its holders again.
    if (recheck.holdExactly(key, maxShare)) recheck.holdersOf(key);
  }
  for (const key of newKeys) {
    if (oldKeys.includes(key)) continue;
    buckets.add(hash(key), slot);
    recheck.keepPurity(key, slot);
    // Up to one over the limit: the key stops pairing its holders.
    if (recheck.holdExactly(key, maxShare + 1)) recheck.holdersOf(key);
  }
  for (const key of newKeys)
    if (!judge.isCommon(key)) for (const other of judge.holders(key)) recheck.pair(slot, other);

  const idOf = (s: number) => (s === slot ? id : store.idOf(s));
  return settle(state, judge, [...recheck.touched.values()], { slot, idOf, oldReasons, report });
}

type Settling = {
  slot: number;
  idOf: (slot: number) => string;
  oldReasons: Map<number, string>;
  /** False for the full scan: pairs are stored, no delta is described. */
  report: boolean;
};

/** Judges every touched pair again, stores the answer and reports the difference. */
function settle(
  state: IndexState,
  judge: PairJudge,
  touched: Touched[],
  { slot, idOf, oldReasons, report }: Settling,
): PairDelta {
  const delta = emptyDelta();
  for (const { x, y, phoneCrossed } of touched) {
    const [vx, vy] = [judge.view(x), judge.view(y)];
    const bits = vx && vy ? judge.bits(vx, vy) : 0;
    const oldBits = state.links.bitsOf(x, y);
    state.links.set(x, y, bits);
    if (!report) continue;
    const ref = orderedRef(idOf(x), idOf(y));
    if (state.dismissed.has(pairId(ref.a, ref.b)) || (bits === 0 && oldBits === 0)) continue;
    if (bits === 0) {
      delta.disappeared.push(ref);
      continue;
    }
    const pair = materializePair(state, judge, x, y, idOf);
    if (oldBits === 0) {
      delta.appeared.push(pair);
      continue;
    }
    // A phone that crossed the limit flipped its sharedLine flag in this pair's reasons.
    const partner = x === slot ? y : y === slot ? x : -1;
    const reread = partner >= 0 && oldReasons.get(partner) !== JSON.stringify(pair.reasons);
    if (bits !== oldBits || phoneCrossed || reread) delta.changed.push(pair);
  }
  const byIds = (p: PairRef, q: PairRef) => compareIds(p.a, q.a) || compareIds(p.b, q.b);
  delta.appeared.sort(byIds);
  delta.changed.sort(byIds);
  delta.disappeared.sort(byIds);
  return delta;
}
