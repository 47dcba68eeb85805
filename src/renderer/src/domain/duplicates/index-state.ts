/** What a DuplicateIndex holds, shared by its change (index-change.ts) and query code. */
import { CONFIDENCE_RANK, confidenceOf, scoreOfBits } from './confidence';
import type { DocStore } from './doc-store';
import type { KeyBuckets } from './key-buckets';
import type { DocView, JudgeSetup } from './pair-judge';
import { PairJudge } from './pair-judge';
import type { DuplicatePair } from './pair-delta';
import { orderedRef } from './pair-delta';
import type { PairLinks } from './pair-links';

export type IndexState = {
  store: DocStore;
  buckets: KeyBuckets;
  links: PairLinks;
  /** pairId()s of the pairs marked "not a duplicate". */
  dismissed: Set<string>;
  hash: (key: string) => number;
  maxShare: number;
};

export function judgeOf(state: IndexState, virtual?: JudgeSetup['virtual']): PairJudge {
  const { store, buckets, hash, maxShare } = state;
  return new PairJudge({ store, buckets, hash, maxShare, ...(virtual ? { virtual } : {}) });
}

/** A stored pair as the UI receives it: ids in order, reasons read from the two docs. */
export function materializePair(
  state: IndexState,
  judge: PairJudge,
  x: number,
  y: number,
  idOf: (slot: number) => string = (slot) => state.store.idOf(slot),
): DuplicatePair {
  const [vx, vy] = [judge.view(x), judge.view(y)] as [DocView, DocView];
  const [ix, iy] = [idOf(x), idOf(y)];
  const reasons = ix < iy ? judge.reasons(vx, vy) : judge.reasons(vy, vx);
  const score = scoreOfBits(state.links.bitsOf(x, y));
  return { ...orderedRef(ix, iy), confidence: confidenceOf(reasons), score, reasons };
}

export function compareIds(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Best first: confidence, then score, then ids (so the order never depends on history). */
export function bestFirst(
  p: Pick<DuplicatePair, 'confidence' | 'score' | 'a' | 'b'>,
  q: Pick<DuplicatePair, 'confidence' | 'score' | 'a' | 'b'>,
): number {
  const rank = (pair: typeof p) => CONFIDENCE_RANK[pair.confidence] * 1000 + pair.score;
  return rank(q) - rank(p) || compareIds(p.a, q.a) || compareIds(p.b, q.b);
}
