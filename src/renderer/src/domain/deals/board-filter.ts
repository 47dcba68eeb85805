/** The board's filters, applied in memory to the live deals (the board holds every open deal). */
import type { EventDeal } from '../records';

export type DealBoardFilters = {
  /** A member id, '' for "no owner", null for anyone. */
  ownerId: string | null;
  /** Inclusive YYYY-MM-DD bounds on the event date; a deal without a date never matches a bound. */
  from: string | null;
  to: string | null;
  /** A customer taking part in the deal, in any role. */
  participantId: string | null;
  currency: string | null;
};

export const NO_DEAL_FILTERS: DealBoardFilters = {
  ownerId: null,
  from: null,
  to: null,
  participantId: null,
  currency: null,
};

export function hasDealFilters(filters: DealBoardFilters): boolean {
  return Object.values(filters).some((value) => value !== null && value !== '');
}

export function matchesDealFilters(
  deal: Pick<EventDeal, 'id' | 'owner_id' | 'event_date' | 'currency'>,
  filters: DealBoardFilters,
  participantsByDeal: ReadonlyMap<string, readonly { customer_id: string }[]>,
): boolean {
  if (filters.ownerId !== null && (deal.owner_id ?? '') !== filters.ownerId) return false;
  if (filters.currency && deal.currency !== filters.currency) return false;
  if (filters.from && (!deal.event_date || deal.event_date < filters.from)) return false;
  if (filters.to && (!deal.event_date || deal.event_date > filters.to)) return false;
  if (filters.participantId) {
    const people = participantsByDeal.get(deal.id) ?? [];
    if (!people.some((p) => p.customer_id === filters.participantId)) return false;
  }
  return true;
}
