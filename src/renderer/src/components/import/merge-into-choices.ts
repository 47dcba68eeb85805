/** The plan step's per-row "merge into" choices as shown (pure; see LikelyExistingRows). */

export type MergePick = { row: number; customerId: string | null };

/**
 * Each row's choice as the user sees it: the pick just made (still on its way to the import
 * worker) over the one the last analysis holds. Radios are controlled, so without the pending
 * pick a click would show no change until the worker answered (and look ignored meanwhile).
 */
export function chosenByRow(
  analysed: readonly { row: number; customerId: string }[],
  pending: ReadonlyMap<number, string | null>,
): Map<number, string> {
  const chosen = new Map(analysed.map((pick) => [pick.row, pick.customerId]));
  for (const [row, customerId] of pending) {
    if (customerId === null) chosen.delete(row);
    else chosen.set(row, customerId);
  }
  return chosen;
}
