/**
 * Order within a board column as fractional ranks: a card dropped between two others gets the
 * midpoint, so a drop writes only the moved row (one outbox entry, no renumbering storm).
 * When two neighbours get too close for a float midpoint, the column is renumbered.
 */

export const RANK_STEP = 1024;

/** A rank strictly between `before` and `after` (either may be absent), or null when none fits. */
export function rankBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined && after === undefined) return RANK_STEP;
  if (before === undefined) return (after as number) - RANK_STEP;
  if (after === undefined) return before + RANK_STEP;
  const mid = before + (after - before) / 2;
  return mid > before && mid < after && after - before > 1e-6 ? mid : null;
}

/** Fresh evenly spaced ranks for a column, in its current order. */
export function renumber(count: number): number[] {
  return Array.from({ length: count }, (_, index) => (index + 1) * RANK_STEP);
}

/**
 * The rank for a card dropped at `index` of a column whose other cards (the moved card
 * excluded) have `ranks` in order. null means renumber the column first.
 */
export function rankForDrop(ranks: readonly number[], index: number): number | null {
  const clamped = Math.max(0, Math.min(index, ranks.length));
  return rankBetween(ranks[clamped - 1], ranks[clamped]);
}
