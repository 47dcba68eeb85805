/**
 * "Merge into an existing customer" at the import's plan step (issue 18): a row the
 * duplicate detection finds likely to be an existing customer under another email can be
 * imported as an update of that customer instead of a new one. The plan already knows how to
 * update a customer named by the row's Encore ID (its emails and phones added, blanks
 * filled as the policy says), so a choice gives the row that customer's id as its Encore ID,
 * on a copy, and the plan does the rest; the counts then say "merged into existing" instead
 * of "found by Encore ID".
 */
import type { PlanCounts, PlannedCustomer } from './plan';
import type { ImportCandidate } from './rows';

/** Row number -> the existing customer the user chose to merge it into. */
export type MergeTargets = ReadonlyMap<number, string>;

/**
 * The candidates with each chosen row pointed at its customer. A choice whose customer is no
 * longer live (`isLive`: deleted or merged away since) is ignored, so the row is new again
 * and never takes a dead customer's id.
 */
export function withMergeTargets(
  candidates: readonly ImportCandidate[],
  targets: MergeTargets,
  isLive: (customerId: string) => boolean,
): ImportCandidate[] {
  if (targets.size === 0) return [...candidates];
  return candidates.map((candidate) => {
    const target = targets.get(candidate.row);
    return target && isLive(target) ? { ...candidate, encore_id: target } : candidate;
  });
}

/** How many planned customers are a chosen merge (an existing customer a chosen row names). */
export function mergedIntoExisting(
  customers: readonly PlannedCustomer[],
  targets: MergeTargets,
): number {
  if (targets.size === 0) return 0;
  return customers.filter(
    (planned) =>
      planned.kind !== 'new' && planned.rows.some((row) => targets.get(row) === planned.existingId),
  ).length;
}

/** The counts with chosen merges no longer counted as found by Encore ID. */
export function countsWithMerges(counts: PlanCounts, merged: number): PlanCounts {
  return { ...counts, matched_by_id: Math.max(0, counts.matched_by_id - merged) };
}
