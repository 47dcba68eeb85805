/**
 * The confidence of a pair, from its reasons only (docs/duplicates.md has the table).
 *
 * "high" is what "merge all high-confidence pairs" merges without a look, so it needs the same
 * name (names.ts) AND a second identifier that names one person: the same phone on a line
 * few customers share, or the same date of birth; and never two different dates of birth.
 */
import type { DuplicateReason } from './reasons';

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** The reasons as bits: what the index keeps per pair (compact, and compared cheaply). */
export const REASON_BITS = {
  sameName: 1,
  typo: 2,
  initial: 4,
  sameDob: 8,
  differentDob: 16,
  householdPhone: 32,
  sharedLinePhone: 64,
  companyDomain: 128,
  freemailDomain: 256,
  sameLocal: 512,
  nameLocal: 1024,
} as const;

const B = REASON_BITS;

export function reasonBits(reasons: readonly DuplicateReason[]): number {
  let bits = 0;
  for (const reason of reasons) {
    if (reason.kind === 'same-name') bits |= B.sameName;
    else if (reason.kind === 'similar-name') bits |= reason.how === 'typo' ? B.typo : B.initial;
    else if (reason.kind === 'same-dob') bits |= B.sameDob;
    else if (reason.kind === 'different-dob') bits |= B.differentDob;
    else if (reason.kind === 'same-phone')
      bits |= reason.sharedLine ? B.sharedLinePhone : B.householdPhone;
    else if (reason.kind === 'same-email-domain')
      bits |= reason.freemail ? B.freemailDomain : B.companyDomain;
    else bits |= reason.fromName ? B.nameLocal : B.sameLocal;
  }
  return bits;
}

const has = (bits: number, mask: number) => (bits & mask) !== 0;

export function confidenceOfBits(bits: number): Confidence {
  if (has(bits, B.differentDob)) return 'low';
  const sameName = has(bits, B.sameName);
  const similarName = has(bits, B.typo | B.initial);
  if (sameName && has(bits, B.householdPhone | B.sameDob)) return 'high';
  if (sameName && has(bits, B.sharedLinePhone | B.companyDomain | B.sameLocal)) return 'medium';
  if (similarName && has(bits, B.householdPhone | B.sameDob)) return 'medium';
  return 'low';
}

export function confidenceOf(reasons: readonly DuplicateReason[]): Confidence {
  return confidenceOfBits(reasonBits(reasons));
}

const WEIGHTS: [number, number][] = [
  [B.sameName, 40],
  [B.typo, 25],
  [B.initial, 20],
  [B.sameDob, 30],
  [B.householdPhone, 30],
  [B.sharedLinePhone, 10],
  [B.companyDomain, 15],
  [B.freemailDomain, 5],
  [B.sameLocal, 15],
  [B.nameLocal, 5],
  [B.differentDob, -40],
];

/** Orders pairs within one confidence: more and stronger reasons first. */
export function scoreOfBits(bits: number): number {
  let score = 0;
  for (const [bit, weight] of WEIGHTS) if (has(bits, bit)) score += weight;
  return score;
}

/** One number that sorts pairs best first: confidence, then score. */
export function rankOfBits(bits: number): number {
  return CONFIDENCE_RANK[confidenceOfBits(bits)] * 1000 + scoreOfBits(bits);
}
