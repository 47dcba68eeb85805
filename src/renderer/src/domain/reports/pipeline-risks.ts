/**
 * What needs attention in the pipeline: stale deals (staleness.ts, the board's rule), holds
 * whose show is close and still unanswered, and dates double-booked at a venue (holds.ts).
 * Deals carry no hold expiry, so "a hold that expires" is defined from what exists: a deal
 * still on hold whose event is within the next N days (docs/reports.md, "Holds").
 */
import { findHoldConflicts, venueKey } from '../deals/holds';
import { isStale } from '../deals/staleness';
import type { DealStatus } from '../deals/statuses';
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
import type { IsoDate } from '../records';
import { dayFromIsoDate } from './calendar';
import type { ReportFilter } from './filter';
import { dealScope, eventDateScope } from './filter';
import type { ReportContext, ReportDeal } from './inputs';

export type StaleByStage = { status: DealStatus; count: number; dealIds: string[] };

/** Open deals idle longer than their stage allows, per stage (board scope and dates). */
export function staleDeals(
  deals: readonly ReportDeal[],
  filter: ReportFilter,
  context: ReportContext,
): StaleByStage[] {
  const byStage = new Map<DealStatus, string[]>();
  const inScope = dealScope(filter, context);
  const dateMatches = eventDateScope(filter);
  for (const deal of deals) {
    if (outcomeOf(deal.status) !== 'open') continue;
    if (!inScope(deal) || !dateMatches(deal)) continue;
    if (!isStale(deal, context.now, context.stages.staleAfter)) continue;
    const list = byStage.get(deal.status);
    if (list) list.push(deal.id);
    else byStage.set(deal.status, [deal.id]);
  }
  return DEAL_STATUSES.filter((s) => outcomeOf(s) === 'open').map((status) => {
    const dealIds = byStage.get(status) ?? [];
    return { status, count: dealIds.length, dealIds };
  });
}

export type HoldDueSoon = {
  dealId: string;
  title: string;
  date: IsoDate;
  venue: string;
  holdLevel: number | null;
  /** Whole days from today to the show (0 = today). */
  daysLeft: number;
};

/** Deals still on hold whose show is within `days` days from today (today included), soonest first. */
export function holdsDueSoon(
  deals: readonly ReportDeal[],
  filter: ReportFilter,
  context: ReportContext,
  days = 30,
): HoldDueSoon[] {
  const rows: HoldDueSoon[] = [];
  const inScope = dealScope(filter, context);
  for (const deal of deals) {
    if (deal.status !== 'hold' || !inScope(deal)) continue;
    const day = dayFromIsoDate(deal.event_date);
    if (day === null || day < context.today || day > context.today + days) continue;
    rows.push({
      dealId: deal.id,
      title: deal.title,
      date: deal.event_date!,
      venue: deal.venue,
      holdLevel: deal.hold_level,
      daysLeft: day - context.today,
    });
  }
  return rows.sort(
    (a, b) =>
      a.daysLeft - b.daysLeft ||
      (a.holdLevel ?? 99) - (b.holdLevel ?? 99) ||
      a.title.localeCompare(b.title),
  );
}

export type SlotConflict = {
  date: IsoDate;
  venue: string;
  venueKey: string;
  deals: { id: string; title: string; status: DealStatus; holdLevel: number | null }[];
};

/**
 * Dates in the next `days` days that two or more live deals occupy at the same venue. A
 * slot is listed when at least one of its deals is in the filter's scope; it then names
 * every deal on it (a conflict with a colleague's deal is still a conflict).
 */
export function upcomingConflicts(
  deals: readonly ReportDeal[],
  filter: ReportFilter,
  context: ReportContext,
  days = 30,
): SlotConflict[] {
  const soon = deals.filter((deal) => {
    if (deal.deleted === 1) return false;
    const day = dayFromIsoDate(deal.event_date);
    return day !== null && day >= context.today && day <= context.today + days;
  });
  const conflicts = findHoldConflicts(soon);
  const slots = new Map<string, SlotConflict>();
  for (const deal of soon) {
    if (!conflicts.has(deal.id)) continue;
    const key = `${venueKey(deal.venue)}|${deal.event_date}`;
    let slot = slots.get(key);
    if (!slot) {
      slot = {
        date: deal.event_date!,
        venue: deal.venue,
        venueKey: venueKey(deal.venue),
        deals: [],
      };
      slots.set(key, slot);
    }
    slot.deals.push({
      id: deal.id,
      title: deal.title,
      status: deal.status,
      holdLevel: deal.hold_level,
    });
  }
  const inScope = new Set(soon.filter(dealScope(filter, context)).map((d) => d.id));
  return [...slots.values()]
    .filter((slot) => slot.deals.some((deal) => inScope.has(deal.id)))
    .map((slot) => ({
      ...slot,
      deals: slot.deals.sort(
        (a, b) => (a.holdLevel ?? 0) - (b.holdLevel ?? 0) || a.title.localeCompare(b.title),
      ),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.venueKey.localeCompare(b.venueKey));
}
