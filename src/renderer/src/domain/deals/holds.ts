/**
 * Hold conflicts: two live deals that occupy the same date at the same venue (a hold, an
 * offer, a confirmed or contracted show). Venues are compared folded (case, accents, spaces),
 * so "The Roundhouse" and "the  roundhouse" are the same room.
 */
import type { EventDeal } from '../records';
import { foldText } from '../text-fold';
import { STATUS_DEFINITIONS } from './statuses';

type HoldDeal = Pick<EventDeal, 'id' | 'venue' | 'event_date' | 'status' | 'hold_level'> & {
  deleted?: 0 | 1;
};

export function venueKey(venue: string): string {
  return foldText(venue).replace(/\s+/g, ' ').trim();
}

function slotKey(deal: HoldDeal): string | null {
  if (deal.deleted === 1 || !STATUS_DEFINITIONS[deal.status].occupiesDate) return null;
  const venue = venueKey(deal.venue);
  if (!venue || !deal.event_date) return null;
  return `${venue}|${deal.event_date}`;
}

/**
 * For every deal in a conflict, the other deals competing for its date and venue. Deals not
 * in conflict are absent from the map. A slot is a conflict when 2+ deals occupy it.
 */
export function findHoldConflicts<T extends HoldDeal>(deals: readonly T[]): Map<string, T[]> {
  const slots = new Map<string, T[]>();
  for (const deal of deals) {
    const key = slotKey(deal);
    if (!key) continue;
    const list = slots.get(key);
    if (list) list.push(deal);
    else slots.set(key, [deal]);
  }
  const conflicts = new Map<string, T[]>();
  for (const group of slots.values()) {
    if (group.length < 2) continue;
    for (const deal of group)
      conflicts.set(
        deal.id,
        group.filter((other) => other.id !== deal.id),
      );
  }
  return conflicts;
}

/** The deals a confirmation should offer to release: the others still on hold or offered. */
export function holdsToRelease<T extends HoldDeal>(confirmed: HoldDeal, others: readonly T[]): T[] {
  const key = slotKey(confirmed);
  if (!key) return [];
  return others.filter(
    (other) =>
      other.id !== confirmed.id &&
      slotKey(other) === key &&
      (other.status === 'hold' || other.status === 'offer'),
  );
}

/** The next free hold level on a slot: one after the highest level already held there. */
export function nextHoldLevel(deal: HoldDeal, others: readonly HoldDeal[]): number {
  const venue = venueKey(deal.venue);
  let highest = 0;
  for (const other of others) {
    if (other.id === deal.id || other.deleted === 1 || other.status !== 'hold') continue;
    if (venueKey(other.venue) !== venue || other.event_date !== deal.event_date) continue;
    highest = Math.max(highest, other.hold_level ?? 0);
  }
  return highest + 1;
}
