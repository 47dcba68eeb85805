/**
 * Holds move up when one is released: releasing or declining the hold at level k on a date
 * and venue moves every hold ranked after it (level > k) up one level (2nd -> 1st, 3rd ->
 * 2nd, ...), each with its own status-history record. A plan is pure data: the deal service
 * writes it in the same transaction as the release, and keeps it for undo, which puts every
 * level back and the released deal on hold again, unless something changed since.
 */
import { venueKey } from '../deals/holds';
import type { DealStatus } from '../deals/statuses';
import { holdLabel, statusLabel } from '../deals/statuses';
import type { DealStatusChange, EventDeal, IsoDateTime } from '../records';

type SlotDeal = Pick<
  EventDeal,
  'id' | 'title' | 'venue' | 'event_date' | 'status' | 'hold_level'
> & {
  deleted?: 0 | 1;
};

export type HoldLevelChange = { dealId: string; from: number; to: number };

/** A history record without its row identity (the service adds id and timestamps). */
export type HistoryDraft = Pick<
  DealStatusChange,
  | 'deal_id'
  | 'from_status'
  | 'to_status'
  | 'hold_level'
  | 'changed_at'
  | 'changed_by'
  | 'note'
  | 'event_date_from'
  | 'event_date_to'
>;

export type HoldReleasePlan = {
  /** The deal let go: where it was (`from`, at `level`) and where it went. */
  released: {
    dealId: string;
    title: string;
    from: DealStatus;
    level: number | null;
    to: 'released' | 'declined';
  };
  promotions: HoldLevelChange[];
  /** One record per promoted deal (hold -> hold at its new level). */
  history: HistoryDraft[];
};

function sameSlot(a: SlotDeal, b: SlotDeal): boolean {
  return (
    a.event_date !== null &&
    a.event_date === b.event_date &&
    venueKey(a.venue) === venueKey(b.venue)
  );
}

function levelRecord(
  dealId: string,
  level: number,
  at: IsoDateTime,
  by: string | null,
  note: string,
): HistoryDraft {
  return {
    deal_id: dealId,
    from_status: 'hold',
    to_status: 'hold',
    hold_level: level,
    changed_at: at,
    changed_by: by,
    note,
  };
}

/**
 * The level changes a release or decline causes. `deals` may hold more than the slot (only
 * live holds on the same date and venue move); `releasing` is the deal as it was before.
 */
export function planHoldRelease(
  deals: readonly SlotDeal[],
  releasing: SlotDeal,
  to: 'released' | 'declined',
  at: IsoDateTime,
  by: string | null,
): HoldReleasePlan {
  const level = releasing.status === 'hold' ? releasing.hold_level : null;
  const plan: HoldReleasePlan = {
    released: { dealId: releasing.id, title: releasing.title, from: releasing.status, level, to },
    promotions: [],
    history: [],
  };
  if (level === null) return plan;
  const behind = deals
    .filter(
      (d) =>
        d.id !== releasing.id &&
        d.deleted !== 1 &&
        d.status === 'hold' &&
        d.hold_level !== null &&
        d.hold_level > level &&
        sameSlot(d, releasing),
    )
    .sort((a, b) => a.hold_level! - b.hold_level! || a.id.localeCompare(b.id));
  for (const deal of behind) {
    const next = deal.hold_level! - 1;
    plan.promotions.push({ dealId: deal.id, from: deal.hold_level!, to: next });
    const verb = to === 'released' ? 'released' : 'declined';
    plan.history.push(
      levelRecord(
        deal.id,
        next,
        at,
        by,
        `Now ${holdLabel(next)}: ${releasing.title} (${holdLabel(level)}) was ${verb}`,
      ),
    );
  }
  return plan;
}

export type HoldUndo =
  | {
      ok: true;
      /** The released deal goes back where it was (on hold at its level). */
      restore: { dealId: string; status: DealStatus; level: number | null };
      demotions: HoldLevelChange[];
      history: HistoryDraft[];
    }
  | { ok: false; message: string };

/**
 * Undo of a plan, checked against the deals as they are now: refused, in words, when the
 * released deal or a promoted hold changed since, or when putting the levels back would
 * give two holds on the slot the same level (a hold placed meanwhile).
 */
export function undoHoldRelease(
  plan: HoldReleasePlan,
  deals: readonly SlotDeal[],
  at: IsoDateTime,
  by: string | null,
): HoldUndo {
  const byId = new Map(deals.filter((d) => d.deleted !== 1).map((d) => [d.id, d]));
  const released = byId.get(plan.released.dealId);
  if (!released || released.status !== plan.released.to)
    return {
      ok: false,
      message: `${plan.released.title} changed since (${released ? `it is now ${statusLabel(released.status)}` : 'it was deleted'}): nothing was undone.`,
    };
  for (const change of plan.promotions) {
    const deal = byId.get(change.dealId);
    if (!deal || deal.status !== 'hold' || deal.hold_level !== change.to)
      return {
        ok: false,
        message: `${deal?.title ?? 'A deal on that date'} is no longer ${holdLabel(change.to)}: nothing was undone.`,
      };
  }
  const levels = new Map<string, number | null>();
  for (const deal of byId.values())
    if (deal.status === 'hold' && sameSlot(deal, released)) levels.set(deal.id, deal.hold_level);
  for (const change of plan.promotions) levels.set(change.dealId, change.from);
  levels.set(released.id, plan.released.level);
  const taken = [...levels.values()].filter((l) => l !== null);
  if (new Set(taken).size !== taken.length)
    return {
      ok: false,
      message:
        'A hold was placed on that date since: nothing was undone, set the levels on the deal pages.',
    };
  const restore = { dealId: released.id, status: plan.released.from, level: plan.released.level };
  return {
    ok: true,
    restore,
    demotions: plan.promotions.map((c) => ({ dealId: c.dealId, from: c.to, to: c.from })),
    history: [
      {
        deal_id: released.id,
        from_status: plan.released.to,
        to_status: plan.released.from,
        hold_level: plan.released.level,
        changed_at: at,
        changed_by: by,
        note: `Undo: back to ${plan.released.level === null ? statusLabel(plan.released.from) : holdLabel(plan.released.level)}`,
      },
      ...plan.promotions.map((c) =>
        levelRecord(c.dealId, c.from, at, by, `Undo: back to ${holdLabel(c.from)}`),
      ),
    ],
  };
}
