/**
 * While a deal is dragged, which stages refuse it: the status model's transitions, decided
 * before the drop so refused columns can look refused and take no drop at all.
 */
import type { DealStatus } from './statuses';
import { checkTransition, statusLabel } from './statuses';

/** Why `to` refuses a deal dragged from `from`, in a few words; null when it accepts it. */
export function refusalWhileDragging(from: DealStatus | null, to: DealStatus): string | null {
  if (from === null || from === to) return null;
  return checkTransition(from, to).ok ? null : `Not from ${statusLabel(from)}`;
}

/** The full sentence a refused drop shows (the status model's own words). */
export function refusalMessage(from: DealStatus, to: DealStatus): string | null {
  const check = checkTransition(from, to);
  return check.ok ? null : check.message;
}
