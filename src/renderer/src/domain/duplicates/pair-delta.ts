/** What one change to the index did to the pairs, and the pair as the UI receives it. */
import type { Confidence } from './confidence';
import type { DuplicateReason } from './reasons';

export type DuplicatePair = {
  /** The smaller id of the two (ids compare as strings). */
  a: string;
  b: string;
  confidence: Confidence;
  /** Orders pairs within one confidence (confidence.ts). */
  score: number;
  reasons: DuplicateReason[];
};

export type PairRef = { a: string; b: string };

/**
 * Pairs that appeared, changed (reasons or confidence) or disappeared. A change can reach
 * pairs of other customers too: the sixth customer on one phone turns it into a shared line,
 * and the pairs the first five had through it change or go.
 */
export type PairDelta = {
  appeared: DuplicatePair[];
  changed: DuplicatePair[];
  disappeared: PairRef[];
};

export function emptyDelta(): PairDelta {
  return { appeared: [], changed: [], disappeared: [] };
}

/** "Not a duplicate" is about the two customers, in either order. */
export function pairId(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

export function orderedRef(x: string, y: string): PairRef {
  return x < y ? { a: x, b: y } : { a: y, b: x };
}
