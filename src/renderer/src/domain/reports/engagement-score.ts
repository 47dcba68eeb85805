/**
 * The engagement score: recent and frequent touchpoints count most. Each touchpoint weighs
 * w(kind, value) and its weight halves every HALF_LIFE_DAYS:
 *
 *   score(t) = sum_i w_i * 2^(-(t - t_i) / H)
 *
 * Stored per customer is L = log2(sum_i w_i * 2^(t_i / H)), with t in days since a fixed
 * epoch. L does not depend on "now" (score(t) = 2^(L - t/H)), so a stored L never goes stale
 * and sorting customers by L sorts them by score at any moment. L is computed in log space
 * (log-sum-exp), because 2^(t/H) itself overflows a double after a few decades of days.
 * Changing the epoch, H or the weights changes every stored L: recompute them all (batch).
 */
import type { TouchpointKind } from '../records';
import { DAY_MS, instantMs } from './calendar';
import type { ReportTouchpoint } from './inputs';

export const HALF_LIFE_DAYS = 30;

/**
 * The stored L of a customer never touched (the list row's engagement_log): a number, so the
 * row stays in the sort index; far below any real L (a touchpoint in 1900 is about -290).
 */
export const NO_ENGAGEMENT_LOG = -1e9;

/** The stored L as the score functions take it: null for never touched. */
export function storedLog(value: number | undefined): number | null {
  return value === undefined || value <= NO_ENGAGEMENT_LOG ? null : value;
}
/** 2020-01-01T00:00:00Z: t is measured in days from here. Never change it without recomputing. */
export const SCORE_EPOCH_MS = Date.UTC(2020, 0, 1);
/** The raw score at which the displayed score is 50 (see displayScore). */
export const HALF_SCALE = 10;

/** Base weight of each kind: what it says about a person's interest. */
export const KIND_WEIGHTS: Record<TouchpointKind, number> = {
  'show-attended': 5,
  'ticket-purchase': 4,
  meeting: 4,
  call: 3,
  email: 1,
  message: 1,
  note: 0.5,
};

/**
 * w(kind, value): the kind's weight plus a bonus for money spent that grows with its
 * order of magnitude and stops at 3: log10(1 + value / 100), value in minor units (100 -> +0.3,
 * 10,000 -> +2, 100,000 and more -> +3). Always > 0, so log2(w) exists.
 */
export function touchWeight(kind: TouchpointKind, value: number): number {
  const base = KIND_WEIGHTS[kind] ?? 1;
  const spent = Number.isFinite(value) && value > 0 ? value : 0;
  return base + Math.min(3, Math.log10(1 + spent / 100));
}

/** Days since the score's epoch (fractional). */
export function scoreDays(ms: number): number {
  return (ms - SCORE_EPOCH_MS) / DAY_MS;
}

/** log2 of one touchpoint's term w * 2^(t/H); null when its time cannot be read. */
export function touchTerm(
  touch: Pick<ReportTouchpoint, 'kind' | 'value' | 'occurred_at'>,
): number | null {
  const ms = instantMs(touch.occurred_at);
  if (Number.isNaN(ms)) return null;
  return Math.log2(touchWeight(touch.kind, touch.value)) + scoreDays(ms) / HALF_LIFE_DAYS;
}

/** log2(2^a + 2^b) without forming 2^a or 2^b. */
export function addLog2(a: number, b: number): number {
  const high = Math.max(a, b);
  const low = Math.min(a, b);
  return high + Math.log1p(2 ** (low - high)) / Math.LN2;
}

/** L for a customer's touchpoints (deleted ones left out); null when there are none. */
export function engagementLogScore(
  touchpoints: readonly Pick<ReportTouchpoint, 'kind' | 'value' | 'occurred_at' | 'deleted'>[],
): number | null {
  const terms: number[] = [];
  let high = -Infinity;
  for (const touch of touchpoints) {
    if (touch.deleted === 1) continue;
    const term = touchTerm(touch);
    if (term === null) continue;
    terms.push(term);
    if (term > high) high = term;
  }
  if (terms.length === 0) return null;
  let sum = 0;
  for (const term of terms) sum += 2 ** (term - high);
  return high + Math.log2(sum);
}

/**
 * L after one more touchpoint, exact up to floating point: what the write path stores in
 * the same transaction as the touchpoint. (A deleted or edited touchpoint is not
 * subtracted, which would lose precision: recompute the customer's L from its touchpoints.)
 */
export function updateLogScore(
  current: number | null,
  touch: Pick<ReportTouchpoint, 'kind' | 'value' | 'occurred_at'>,
): number | null {
  const term = touchTerm(touch);
  if (term === null) return current;
  return current === null ? term : addLog2(current, term);
}

/** The raw score at an instant: sum of decayed weights (e.g. 5 = one show attended today). */
export function rawScore(logScore: number | null, nowMs: number): number {
  if (logScore === null) return 0;
  return 2 ** (logScore - scoreDays(nowMs) / HALF_LIFE_DAYS);
}

/**
 * The score shown, 0..100: 100 x (1 - 2^(-raw / HALF_SCALE)), rounded. 0 with no
 * touchpoint, 50 at a raw score of 10 (two shows attended today), 75 at 20, never above 100.
 * It rises with the raw score, so it sorts like L (ties aside, from the rounding).
 */
export function displayScore(logScore: number | null, nowMs: number): number {
  const raw = rawScore(logScore, nowMs);
  return Math.round(100 * (1 - 2 ** (-raw / HALF_SCALE)));
}

/** L per customer from every touchpoint (one pass): for a first fill or after a rule change. */
export function logScoresByCustomer(
  touchpoints: readonly Pick<
    ReportTouchpoint,
    'customer_id' | 'kind' | 'value' | 'occurred_at' | 'deleted'
  >[],
): Map<string, number> {
  const scores = new Map<string, number>();
  for (const touch of touchpoints) {
    if (touch.deleted === 1) continue;
    const term = touchTerm(touch);
    if (term === null) continue;
    const current = scores.get(touch.customer_id);
    scores.set(touch.customer_id, current === undefined ? term : addLog2(current, term));
  }
  return scores;
}
