/**
 * Holds move up when one is released or declined (domain/reports/hold-promotion.ts): the plan
 * is written inside the release's own transaction, and kept by the caller for the toast's
 * Undo, which restores the released deal and every level in one transaction (a restore, not a
 * status move: declined → hold is not a move the status rules allow).
 */
import type { CrmDatabase } from '../../../db/database';
import { nextHoldLevel, venueKey } from '../../../domain/deals/holds';
import type { DealStatus } from '../../../domain/deals/statuses';
import { holdLabel, outcomeOf, statusLabel } from '../../../domain/deals/statuses';
import { dayFromIsoDate } from '../../../domain/reports/calendar';
import { newId } from '../../../domain/ids';
import type { HistoryDraft, HoldReleasePlan } from '../../../domain/reports/hold-promotion';
import { planHoldRelease, undoHoldRelease } from '../../../domain/reports/hold-promotion';
import type { EventDeal } from '../../../domain/records';
import { fail, ok, type Result } from '../../../domain/result';

/** A release that moved no hold up (an offer let go, or a deal moved off a night alone). */
export function emptyPlan(deal: EventDeal): HoldReleasePlan {
  const released = { dealId: deal.id, title: deal.title, from: deal.status, level: null };
  return { released: { ...released, to: 'released' }, promotions: [], history: [] };
}

/** Shows that happened keep their date. */
const FIXED: ReadonlySet<DealStatus> = new Set(['played', 'settled']);

async function slotDeals(db: CrmDatabase, deal: Pick<EventDeal, 'event_date' | 'venue'>) {
  if (!deal.event_date || !venueKey(deal.venue)) return [];
  const sameDate = await db.event_deals.where('event_date').equals(deal.event_date).toArray();
  return sameDate.filter((d) => d.deleted === 0 && venueKey(d.venue) === venueKey(deal.venue));
}

function historyRows(drafts: readonly HistoryDraft[], at: string) {
  return drafts.map((draft) => ({
    ...draft,
    id: newId(),
    created_at: at,
    updated_at: at,
    deleted: 0 as const,
  }));
}

/**
 * Moves the holds behind `before` (the deal as it was, on hold) up one level. Call inside the
 * release's transaction (it needs event_deals and deal_status_history).
 */
export async function promoteBehind(
  db: CrmDatabase,
  before: EventDeal,
  to: 'released' | 'declined',
  at: string,
  by: string | null,
): Promise<HoldReleasePlan> {
  const plan = planHoldRelease(await slotDeals(db, before), before, to, at, by);
  await Promise.all([
    ...plan.promotions.map((p) =>
      db.event_deals.update(p.dealId, { hold_level: p.to, updated_at: at, last_activity_at: at }),
    ),
    db.deal_status_history.bulkAdd(historyRows(plan.history, at)),
  ]);
  return plan;
}

/** Puts a release and its promotions back, unless something changed since (said in words). */
export async function undoRelease(
  db: CrmDatabase,
  plan: HoldReleasePlan,
  by: string | null,
): Promise<Result<void, string>> {
  return undoReleases(db, [plan], by);
}

/** Thrown inside the undo's transaction to roll back every part of it. */
class UndoRefused extends Error {}

/**
 * Puts several releases back (a bulk release after a confirmation), in the reverse order they
 * were made, each on the deals as the later undo left them; one transaction: all of them, or
 * none when one is refused (said in words).
 */
export async function undoReleases(
  db: CrmDatabase,
  plans: readonly HoldReleasePlan[],
  by: string | null,
): Promise<Result<void, string>> {
  try {
    await db.transaction('rw', [db.event_deals, db.deal_status_history], async () => {
      const at = new Date().toISOString();
      for (const plan of [...plans].reverse()) {
        const refused = await undoOne(db, plan, at, by);
        if (refused) throw new UndoRefused(refused);
      }
    });
    return ok();
  } catch (error) {
    if (error instanceof UndoRefused) return fail(error.message);
    throw error;
  }
}

/** One release undone inside the caller's transaction; the refusal in words, or null. */
async function undoOne(
  db: CrmDatabase,
  plan: HoldReleasePlan,
  at: string,
  by: string | null,
): Promise<string | null> {
  const released = await db.event_deals.get(plan.released.dealId);
  if (!released) return `${plan.released.title} was deleted: nothing was undone.`;
  const undo = undoHoldRelease(plan, await slotDeals(db, released), at, by);
  if (!undo.ok) return undo.message;
  const { restore } = undo;
  await Promise.all([
    db.event_deals.update(restore.dealId, {
      status: restore.status,
      hold_level: restore.level,
      updated_at: at,
      last_activity_at: at,
    }),
    ...undo.demotions.map((d) =>
      db.event_deals.update(d.dealId, { hold_level: d.to, updated_at: at, last_activity_at: at }),
    ),
    db.deal_status_history.bulkAdd(historyRows(undo.history, at)),
  ]);
  return null;
}

/** What a move to another date did: the deal's new hold level, and the holds moved up behind it. */
export type Rescheduled = { from: string | null; level: number | null; promoted: HoldReleasePlan };

/**
 * Moves a deal to another event date (the calendar's drag). A hold takes the next free level
 * on its new date and venue, and the holds behind it on the old date move up, each with a
 * history record; a show already played or settled, or one lost, keeps its date.
 */
export async function reschedule(
  db: CrmDatabase,
  id: string,
  date: string,
  by: string | null,
): Promise<Result<Rescheduled, string>> {
  if (dayFromIsoDate(date) === null) return fail(`${date} is not a date (YYYY-MM-DD)`);
  return db.transaction('rw', [db.event_deals, db.deal_status_history], async () => {
    const deal = await db.event_deals.get(id);
    if (!deal || deal.deleted === 1) return fail('This deal was deleted');
    if (FIXED.has(deal.status) || outcomeOf(deal.status) === 'lost')
      return fail(`${deal.title} is ${statusLabel(deal.status)}: its date cannot move`);
    if (deal.event_date === date)
      return ok({ from: date, level: deal.hold_level, promoted: emptyPlan(deal) });
    const at = new Date().toISOString();
    const plan = planHoldRelease(await slotDeals(db, deal), deal, 'released', at, by);
    const level =
      deal.status === 'hold'
        ? nextHoldLevel(
            { ...deal, event_date: date },
            await slotDeals(db, { ...deal, event_date: date }),
          )
        : deal.hold_level;
    // The dates in words for an app before the structured fields (and exports), and as values
    // for the screen, which shows them in the user's locale (deals/history-note.ts).
    const dates = { event_date_from: deal.event_date, event_date_to: date };
    const note = (n: string) => n.replace(/ was released$/, ` moved to ${date}`);
    const history = plan.history.map((h) => ({ ...h, note: note(h.note), ...dates }));
    if (deal.status === 'hold')
      history.push({
        deal_id: deal.id,
        from_status: 'hold',
        to_status: 'hold',
        hold_level: level,
        changed_at: at,
        changed_by: by,
        note: `Moved from ${deal.event_date ?? 'no date'} to ${date}: now ${holdLabel(level ?? 1)}`,
        ...dates,
      });
    await Promise.all([
      db.event_deals.update(id, {
        event_date: date,
        hold_level: level,
        updated_at: at,
        last_activity_at: at,
      }),
      ...plan.promotions.map((p) =>
        db.event_deals.update(p.dealId, { hold_level: p.to, updated_at: at, last_activity_at: at }),
      ),
      db.deal_status_history.bulkAdd(historyRows(history, at)),
    ]);
    return ok({ from: deal.event_date, level, promoted: { ...plan, history } });
  });
}
