/**
 * Deal use cases. Every write is one Dexie transaction: a status change, its history entry and
 * the outbox entries (change capture) commit or roll back together. Status moves go through
 * the one status model (domain/deals/statuses.ts); a refused move is a result, not a throw.
 */
import type { CrmDatabase } from '../../../db/database';
import { bindDb } from '../../bind-db';
import type { DealDraft, DealFieldErrors, DealFields } from '../../../domain/deals/deal-draft';
import { isParticipantRole, isPercent, validateDealFields } from '../../../domain/deals/deal-draft';
import { holdsToRelease, nextHoldLevel, venueKey } from '../../../domain/deals/holds';
import { rankBetween, rankForDrop, renumber, RANK_STEP } from '../../../domain/deals/rank';
import type { DealStatus } from '../../../domain/deals/statuses';
import {
  checkTransition,
  DEAL_STATUSES,
  holdLabel,
  isDealStatus,
  isHoldLevel,
  MAX_HOLD_LEVEL,
  STATUS_DEFINITIONS,
  statusLabel,
} from '../../../domain/deals/statuses';
import { newId, nowIso } from '../../../domain/ids';
import { statusChange as historyEntry } from './deal-history';
import { emptyPlan, promoteBehind, reschedule, undoRelease, undoReleases } from './hold-queue';
import type { HoldReleasePlan } from '../../../domain/reports/hold-promotion';
import { fail, ok, type Result } from '../../../domain/result';
import type {
  DealParticipant,
  DealPipelineStage,
  EventDeal,
  ParticipantRole,
} from '../../../domain/records';
import { readSetting } from '../../../db/app-settings';

/** Where a dropped card lands: between the card shown above it and the card shown below it. */
export type DropPlace = { afterId?: string | null; beforeId?: string | null };

/** A move's outcome: other deals holding the same date and venue, which a confirmation offers to release. */
export type Moved = {
  releasable: EventDeal[];
  /** A hold released or declined: the holds behind it moved up (kept for Undo). */
  promoted: HoldReleasePlan | null;
};

export type NewParticipant = {
  customer_id: string;
  role: ParticipantRole;
  share_percent?: number | null;
};

/** Stage definitions are stable per status: two devices seeding offline converge on one row. */
export function stageId(status: DealStatus): string {
  return `stage-${status}`;
}

const DEAL_TABLES = ['event_deals', 'deal_participants', 'deal_status_history'] as const;

/** Statuses that take part in revenue and the board once a confirmation happens. */
const CONFIRMING: ReadonlySet<DealStatus> = new Set(['confirmed', 'contracted']);

async function currentMember(db: CrmDatabase): Promise<string | null> {
  return readSetting(db, 'currentMemberId');
}

async function liveDeal(db: CrmDatabase, id: string): Promise<EventDeal> {
  const deal = await db.event_deals.get(id);
  if (!deal || deal.deleted === 1) throw new Error('This deal no longer exists');
  return deal;
}

async function column(
  db: CrmDatabase,
  status: DealStatus,
  exceptId?: string,
): Promise<EventDeal[]> {
  const deals = await db.event_deals.where('status').equals(status).toArray();
  return deals
    .filter((d) => d.deleted === 0 && d.id !== exceptId)
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

/** Deals on the same date (index), then the same venue (folded) in memory. */
async function sameSlot(
  db: CrmDatabase,
  deal: Pick<EventDeal, 'event_date' | 'venue'>,
): Promise<EventDeal[]> {
  if (!deal.event_date || !venueKey(deal.venue)) return [];
  const sameDate = await db.event_deals.where('event_date').equals(deal.event_date).toArray();
  return sameDate.filter((d) => d.deleted === 0 && venueKey(d.venue) === venueKey(deal.venue));
}

/** The nearest rank above (`up`) or below (`down`) `from` in a column, by the [status+rank] index. */
async function neighbourRank(
  db: CrmDatabase,
  status: DealStatus,
  exceptId: string,
  from: number,
  direction: 'up' | 'down',
): Promise<number | undefined> {
  const index = db.event_deals.where('[status+rank]');
  const range =
    direction === 'down'
      ? index.between([status, from], [status, Infinity], false, true)
      : index.between([status, -Infinity], [status, from], true, false).reverse();
  const row = await range.filter((d) => d.id !== exceptId && d.deleted === 0).first();
  return row?.rank;
}

async function placeRow(
  db: CrmDatabase,
  status: DealStatus,
  dealId: string,
  id: string | null | undefined,
) {
  if (!id || id === dealId) return undefined;
  const row = await db.event_deals.get(id);
  return row && row.deleted === 0 && row.status === status ? row : undefined;
}

/**
 * The rank for a drop between two cards: two row reads and at most one indexed neighbour
 * read, never the whole column, unless the neighbours are too close (then renumber).
 */
async function rankAt(
  db: CrmDatabase,
  status: DealStatus,
  dealId: string,
  place: DropPlace,
): Promise<number> {
  const [after, before] = await Promise.all([
    placeRow(db, status, dealId, place.afterId),
    placeRow(db, status, dealId, place.beforeId),
  ]);
  let lower: number | undefined;
  let upper: number | undefined;
  if (after) {
    lower = after.rank;
    upper = before ? before.rank : await neighbourRank(db, status, dealId, lower, 'down');
  } else if (before) {
    upper = before.rank;
    lower = await neighbourRank(db, status, dealId, upper, 'up');
  } else {
    upper = await neighbourRank(db, status, dealId, -Infinity, 'down');
  }
  const rank = rankBetween(lower, upper);
  if (rank !== null) return rank;
  // Too close (or the neighbours moved meanwhile): renumber the column, then place.
  let others = await column(db, status, dealId);
  const ranks = renumber(others.length);
  await Promise.all(others.map((d, i) => db.event_deals.update(d.id, { rank: ranks[i] })));
  others = await column(db, status, dealId);
  const afterIndex = after ? others.findIndex((d) => d.id === after.id) : -1;
  const beforeIndex = before ? others.findIndex((d) => d.id === before.id) : -1;
  const index = afterIndex >= 0 ? afterIndex + 1 : beforeIndex >= 0 ? beforeIndex : 0;
  return rankForDrop(
    others.map((d) => d.rank),
    index,
  ) as number;
}

async function ensurePipeline(db: CrmDatabase): Promise<DealPipelineStage[]> {
  return db.transaction('rw', db.deal_pipeline, async () => {
    const existing = await db.deal_pipeline.toArray();
    const have = new Set(existing.map((s) => s.status));
    const now = nowIso();
    const missing: DealPipelineStage[] = DEAL_STATUSES.filter((s) => !have.has(s)).map(
      (status) => ({
        id: stageId(status),
        created_at: now,
        updated_at: now,
        deleted: 0,
        name: STATUS_DEFINITIONS[status].label,
        status,
        order: DEAL_STATUSES.indexOf(status),
        default_probability: STATUS_DEFINITIONS[status].defaultProbability,
        stale_after_days: STATUS_DEFINITIONS[status].staleAfterDays,
      }),
    );
    if (missing.length > 0) await db.deal_pipeline.bulkPut(missing);
    return [...existing, ...missing].sort((a, b) => a.order - b.order);
  });
}

async function create(
  db: CrmDatabase,
  input: DealDraft,
  participants: NewParticipant[] = [],
): Promise<Result<string, DealFieldErrors>> {
  const draft = { ...input, currency: input.currency.trim().toUpperCase() };
  if (participants.some((p) => !isParticipantRole(p.role)))
    throw new Error('A participant has no valid role');
  const errors = validateDealFields(draft);
  if (Object.keys(errors).length > 0) return fail(errors);
  const by = await currentMember(db);
  return db.transaction('rw', [...DEAL_TABLES], async () => {
    const now = nowIso();
    const id = newId();
    const first = (await column(db, draft.status))[0];
    const deal: EventDeal = {
      ...draft,
      title: draft.title.trim(),
      event_name: draft.event_name.trim(),
      venue: draft.venue.trim(),
      deal_percent: draft.deal_type === 'flat' ? null : draft.deal_percent,
      id,
      created_at: now,
      updated_at: now,
      deleted: 0,
      hold_level: null,
      rank: first ? first.rank - RANK_STEP : RANK_STEP,
      last_activity_at: now,
    };
    if (deal.status === 'hold') deal.hold_level = nextHoldLevel(deal, await sameSlot(db, deal));
    await db.event_deals.add(deal);
    await db.deal_status_history.add(historyEntry(deal, null, deal.status, now, by));
    await db.deal_participants.bulkAdd(
      participants.map((p) => ({
        id: newId(),
        created_at: now,
        updated_at: now,
        deleted: 0 as const,
        deal_id: id,
        customer_id: p.customer_id,
        role: p.role,
        share_percent: p.share_percent ?? null,
      })),
    );
    return ok(id);
  });
}

async function update(
  db: CrmDatabase,
  id: string,
  patch: Partial<DealFields>,
): Promise<Result<void, DealFieldErrors>> {
  const clean: Partial<DealFields> = { ...patch };
  if (clean.currency !== undefined) clean.currency = clean.currency.trim().toUpperCase();
  for (const key of ['title', 'event_name', 'venue'] as const)
    if (clean[key] !== undefined) clean[key] = (clean[key] as string).trim();
  return db.transaction('rw', db.event_deals, async () => {
    const deal = await liveDeal(db, id);
    const merged = { ...deal, ...clean };
    // The percentage is checked against the deal type the deal will have after the edit.
    const errors = validateDealFields({
      ...clean,
      ...(clean.deal_type !== undefined || clean.deal_percent !== undefined
        ? { deal_type: merged.deal_type, deal_percent: merged.deal_percent }
        : {}),
    });
    if (Object.keys(errors).length > 0) return fail(errors);
    if (merged.deal_type === 'flat') clean.deal_percent = null;
    const now = nowIso();
    await db.event_deals.update(id, { ...clean, updated_at: now, last_activity_at: now });
    return ok();
  });
}

/**
 * Moves a deal to a status (a board drop, the status menu) and/or a place in the column.
 * The transition rules decide; a refused move changes nothing and says why. Moving into
 * confirmed or contracted returns the conflicting holds the user may release.
 */
async function move(
  db: CrmDatabase,
  id: string,
  to: DealStatus,
  place: DropPlace = {},
  note = '',
): Promise<Result<Moved>> {
  if (!isDealStatus(to)) return fail(`${String(to)} is not a deal status`);
  // Who moved it is read inside the same transaction: one round trip less on every drop.
  return db.transaction('rw', [...DEAL_TABLES, 'app_settings'], async () => {
    // Independent reads and writes run in parallel: fewer main-thread round trips per drop.
    const [by, deal] = await Promise.all([currentMember(db), liveDeal(db, id)]);
    const now = nowIso();
    if (deal.status === to) {
      // A reorder within the column: not activity, not a status change.
      const rank = await rankAt(db, to, id, place);
      await db.event_deals.update(id, { rank, updated_at: now });
      return ok({ releasable: [], promoted: null });
    }
    const check = checkTransition(deal.status, to);
    if (!check.ok) return fail(check.message);
    const [rank, slot] = await Promise.all([
      rankAt(db, to, id, place),
      to === 'hold' || CONFIRMING.has(to) ? sameSlot(db, deal) : Promise.resolve([]),
    ]);
    const holdLevel = to === 'hold' ? nextHoldLevel(deal, slot) : null;
    const moved = { ...deal, status: to, hold_level: holdLevel };
    await Promise.all([
      db.event_deals.update(id, {
        status: to,
        hold_level: holdLevel,
        rank,
        updated_at: now,
        last_activity_at: now,
      }),
      db.deal_status_history.add(historyEntry(moved, deal.status, to, now, by, note)),
    ]);
    const releasable = CONFIRMING.has(to) ? holdsToRelease(moved, slot) : [];
    const promoted =
      deal.status === 'hold' && (to === 'released' || to === 'declined')
        ? await promoteBehind(db, deal, to, now, by)
        : null;
    return ok({ releasable, promoted });
  });
}

/**
 * Releases the given holds (or offers): each moves to Released with its own history entry,
 * and the holds behind a released hold move up. Returns each release's plan, in order, for
 * the toast's Undo (undoReleases).
 */
async function releaseHolds(
  db: CrmDatabase,
  ids: readonly string[],
  reason: string,
): Promise<Result<HoldReleasePlan[]>> {
  const by = await currentMember(db);
  return db.transaction('rw', [...DEAL_TABLES], async () => {
    const now = nowIso();
    for (const id of ids) {
      const deal = await liveDeal(db, id);
      const check = checkTransition(deal.status, 'released');
      if (!check.ok) return fail(`${deal.title}: ${check.message}`);
    }
    const others = await column(db, 'released');
    let top = others[0]?.rank ?? RANK_STEP;
    const plans: HoldReleasePlan[] = [];
    for (const id of ids) {
      const deal = await liveDeal(db, id);
      top -= RANK_STEP;
      await db.event_deals.update(id, {
        status: 'released',
        hold_level: null,
        rank: top,
        updated_at: now,
        last_activity_at: now,
      });
      await db.deal_status_history.add(
        historyEntry(deal, deal.status, 'released', now, by, reason),
      );
      // Each release is planned on the deals as the previous one left them.
      plans.push(
        deal.status === 'hold'
          ? await promoteBehind(db, deal, 'released', now, by)
          : emptyPlan(deal),
      );
    }
    return ok(plans);
  });
}

async function setHoldLevel(db: CrmDatabase, id: string, level: number): Promise<Result> {
  if (!isHoldLevel(level))
    return fail(`A hold level is a whole number from 1 to ${MAX_HOLD_LEVEL}`);
  const by = await currentMember(db);
  return db.transaction('rw', [...DEAL_TABLES], async () => {
    const deal = await liveDeal(db, id);
    if (deal.status !== 'hold')
      return fail(`Only a deal on hold has a hold level (this one is ${statusLabel(deal.status)})`);
    if (deal.hold_level === level) return ok();
    const now = nowIso();
    await db.event_deals.update(id, {
      hold_level: level,
      updated_at: now,
      last_activity_at: now,
    });
    await db.deal_status_history.add(
      historyEntry(
        { ...deal, hold_level: level },
        'hold',
        'hold',
        now,
        by,
        `Now ${holdLabel(level)}`,
      ),
    );
    return ok();
  });
}

async function addParticipant(
  db: CrmDatabase,
  dealId: string,
  person: NewParticipant,
): Promise<Result> {
  if (!isParticipantRole(person.role)) return fail('Choose a role');
  const share = person.share_percent ?? null;
  if (share !== null && !isPercent(share))
    return fail('A share is a whole percentage from 0 to 100');
  return db.transaction(
    'rw',
    [db.event_deals, db.deal_participants, db.customer_profiles],
    async () => {
      await liveDeal(db, dealId);
      const customer = await db.customer_profiles.get(person.customer_id);
      if (!customer || customer.deleted === 1) return fail('That customer no longer exists');
      const existing = await db.deal_participants.where('deal_id').equals(dealId).toArray();
      if (
        existing.some(
          (p) => p.deleted === 0 && p.customer_id === person.customer_id && p.role === person.role,
        )
      )
        return fail('This customer already takes part in that role');
      const now = nowIso();
      await db.deal_participants.add({
        id: newId(),
        created_at: now,
        updated_at: now,
        deleted: 0,
        deal_id: dealId,
        customer_id: person.customer_id,
        role: person.role,
        share_percent: share,
      });
      await db.event_deals.update(dealId, { updated_at: now, last_activity_at: now });
      return ok();
    },
  );
}

async function updateParticipant(
  db: CrmDatabase,
  participantId: string,
  patch: Partial<Pick<DealParticipant, 'role' | 'share_percent'>>,
): Promise<Result> {
  if (patch.role !== undefined && !isParticipantRole(patch.role)) return fail('Choose a role');
  if (
    patch.share_percent !== undefined &&
    patch.share_percent !== null &&
    !isPercent(patch.share_percent)
  )
    return fail('A share is a whole percentage from 0 to 100');
  return db.transaction('rw', [db.event_deals, db.deal_participants], async () => {
    const participant = await db.deal_participants.get(participantId);
    if (!participant || participant.deleted === 1) return fail('This participant was removed');
    const now = nowIso();
    await db.deal_participants.update(participantId, { ...patch, updated_at: now });
    await db.event_deals.update(participant.deal_id, { last_activity_at: now, updated_at: now });
    return ok();
  });
}

async function removeParticipant(db: CrmDatabase, participantId: string): Promise<void> {
  await db.transaction('rw', [db.event_deals, db.deal_participants], async () => {
    const participant = await db.deal_participants.get(participantId);
    if (!participant || participant.deleted === 1) return;
    const now = nowIso();
    await db.deal_participants.update(participantId, { deleted: 1, updated_at: now });
    await db.event_deals.update(participant.deal_id, { last_activity_at: now, updated_at: now });
  });
}

/** Brings back a participant removed by mistake (Undo), unless the role was given again. */
async function restoreParticipant(db: CrmDatabase, participantId: string): Promise<Result> {
  return db.transaction('rw', [db.event_deals, db.deal_participants], async () => {
    const participant = await db.deal_participants.get(participantId);
    if (!participant) return fail('This participant no longer exists');
    if (participant.deleted === 0) return ok();
    const deal = await db.event_deals.get(participant.deal_id);
    if (!deal || deal.deleted === 1) return fail('This deal no longer exists');
    const others = await db.deal_participants.where('deal_id').equals(deal.id).toArray();
    if (
      others.some(
        (p) =>
          p.deleted === 0 &&
          p.customer_id === participant.customer_id &&
          p.role === participant.role,
      )
    )
      return ok();
    const now = nowIso();
    await db.deal_participants.update(participantId, { deleted: 0, updated_at: now });
    await db.event_deals.update(deal.id, { last_activity_at: now, updated_at: now });
    return ok();
  });
}

/**
 * Tombstones the deal and its live participants (sync needs the tombstones); returns the
 * participants it removed, so that Undo brings back those and not ones removed before.
 */
async function remove(db: CrmDatabase, id: string): Promise<string[]> {
  return db.transaction('rw', [...DEAL_TABLES], async () => {
    const now = nowIso();
    await db.event_deals.update(id, { deleted: 1, updated_at: now });
    const people = (await db.deal_participants.where('deal_id').equals(id).toArray()).filter(
      (p) => p.deleted === 0,
    );
    await Promise.all(
      people.map((p) => db.deal_participants.update(p.id, { deleted: 1, updated_at: now })),
    );
    return people.map((p) => p.id);
  });
}

/** Undo of `remove`: the deal and the participants removed with it. */
async function restore(db: CrmDatabase, id: string, participantIds: string[]): Promise<Result> {
  return db.transaction('rw', [...DEAL_TABLES], async () => {
    const deal = await db.event_deals.get(id);
    if (!deal) return fail('This deal no longer exists');
    const now = nowIso();
    if (deal.deleted === 1) await db.event_deals.update(id, { deleted: 0, updated_at: now });
    await Promise.all(
      participantIds.map((p) => db.deal_participants.update(p, { deleted: 0, updated_at: now })),
    );
    return ok();
  });
}

export function createDealService(db: CrmDatabase) {
  return bindDb(db, {
    ensurePipeline,
    create,
    update,
    move,
    releaseHolds,
    setHoldLevel,
    addParticipant,
    updateParticipant,
    removeParticipant,
    restoreParticipant,
    remove,
    restore,
    undoRelease: async (db: CrmDatabase, plan: HoldReleasePlan) =>
      undoRelease(db, plan, await currentMember(db)),
    undoReleases: async (db: CrmDatabase, plans: readonly HoldReleasePlan[]) =>
      undoReleases(db, plans, await currentMember(db)),
    reschedule: async (db: CrmDatabase, id: string, date: string) =>
      reschedule(db, id, date, await currentMember(db)),
  });
}

export type DealService = ReturnType<typeof createDealService>;
