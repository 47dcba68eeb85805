/** "Days idle" and staleness: an open deal nobody has touched for longer than its stage allows. */
import type { EventDeal } from '../records';
import type { DealStatus } from './statuses';
import { STATUS_DEFINITIONS, outcomeOf } from './statuses';

const DAY_MS = 86_400_000;

/** Whole days since the last activity (0 on the same day, never negative). */
export function daysIdle(lastActivityAt: string, now: Date): number {
  const then = Date.parse(lastActivityAt);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / DAY_MS));
}

/**
 * Stale when an open deal has been idle for MORE than its stage's stale_after_days. Won and
 * lost deals are never stale; 0 means the stage never goes stale.
 */
export function isStale(
  deal: Pick<EventDeal, 'status' | 'last_activity_at'>,
  now: Date,
  staleAfter: Partial<Record<DealStatus, number>> = {},
): boolean {
  if (outcomeOf(deal.status) !== 'open') return false;
  const limit = staleAfter[deal.status] ?? STATUS_DEFINITIONS[deal.status].staleAfterDays;
  return limit > 0 && daysIdle(deal.last_activity_at, now) > limit;
}
