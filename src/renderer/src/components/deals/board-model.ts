/**
 * The board's view model, computed once per data change: cards grouped in stage columns with
 * everything a card shows, so the cards themselves are cheap memoized renders.
 */
import type { DealBoardFilters } from '../../domain/deals/board-filter';
import { matchesDealFilters } from '../../domain/deals/board-filter';
import { findHoldConflicts } from '../../domain/deals/holds';
import { daysIdle, isStale } from '../../domain/deals/staleness';
import type { DealStatus } from '../../domain/deals/statuses';
import { DEAL_STATUSES, STATUS_DEFINITIONS } from '../../domain/deals/statuses';
import type { TotalsByCurrency } from '../../domain/deals/totals';
import { groupByStatus, totalsByCurrency } from '../../domain/deals/totals';
import type { EventDeal, ParticipantRole } from '../../domain/records';
import type { BoardData } from '../../services/crm/deals/deal-queries';

export type DealCardModel = {
  deal: EventDeal;
  /** "Artist · Buyer" names, the people a booker recognises a deal by. */
  people: string;
  openTasks: number;
  idleDays: number;
  stale: boolean;
  /** Other deals on the same date and venue, with their hold levels. */
  conflicts: { id: string; title: string; hold_level: number | null; status: DealStatus }[];
};

export type ColumnModel = {
  status: DealStatus;
  label: string;
  cards: DealCardModel[];
  totals: TotalsByCurrency;
};

export type StageSettings = {
  probability: Partial<Record<DealStatus, number>>;
  staleAfter: Partial<Record<DealStatus, number>>;
  names: Partial<Record<DealStatus, string>>;
};

const MAIN_ROLES: ParticipantRole[] = ['artist', 'buyer', 'venue', 'agent'];

export function stageSettings(stages: BoardData['stages']): StageSettings {
  const settings: StageSettings = { probability: {}, staleAfter: {}, names: {} };
  for (const stage of stages) {
    settings.probability[stage.status] = stage.default_probability;
    settings.staleAfter[stage.status] = stage.stale_after_days;
    settings.names[stage.status] = stage.name;
  }
  return settings;
}

export function buildColumns(
  board: BoardData,
  filters: DealBoardFilters,
  now: Date,
): ColumnModel[] {
  const settings = stageSettings(board.stages);
  const conflicts = findHoldConflicts(board.deals);
  const visible = board.deals.filter((deal) =>
    matchesDealFilters(deal, filters, board.participantsByDeal),
  );
  const grouped = groupByStatus(visible);
  return DEAL_STATUSES.map((status) => {
    const deals = grouped[status];
    const cards = deals.map((deal): DealCardModel => {
      const people = [...(board.participantsByDeal.get(deal.id) ?? [])]
        .sort((a, b) => MAIN_ROLES.indexOf(a.role) - MAIN_ROLES.indexOf(b.role))
        .filter((p) => MAIN_ROLES.includes(p.role))
        .slice(0, 2)
        .map((p) => board.names.get(p.customer_id))
        .filter(Boolean)
        .join(' · ');
      return {
        deal,
        people,
        openTasks: board.openTasksByDeal.get(deal.id) ?? 0,
        idleDays: daysIdle(deal.last_activity_at, now),
        stale: isStale(deal, now, settings.staleAfter),
        conflicts: (conflicts.get(deal.id) ?? []).map((other) => ({
          id: other.id,
          title: other.title,
          hold_level: other.hold_level,
          status: other.status,
        })),
      };
    });
    return {
      status,
      label: settings.names[status] ?? STATUS_DEFINITIONS[status].label,
      cards,
      totals: totalsByCurrency(deals, settings.probability),
    };
  });
}

/** The board after a drop the database has not confirmed yet: the card already sits there. */
export function applyPendingMove(
  columns: ColumnModel[],
  move: { dealId: string; to: DealStatus; index: number } | null,
): ColumnModel[] {
  if (!move) return columns;
  let moved: DealCardModel | undefined;
  const without = columns.map((column) => {
    const index = column.cards.findIndex((card) => card.deal.id === move.dealId);
    if (index < 0) return column;
    moved = column.cards[index];
    return { ...column, cards: column.cards.filter((_, i) => i !== index) };
  });
  if (!moved) return columns;
  const card: DealCardModel = { ...moved, deal: { ...moved.deal, status: move.to } };
  return without.map((column) =>
    column.status === move.to
      ? {
          ...column,
          cards: [...column.cards.slice(0, move.index), card, ...column.cards.slice(move.index)],
        }
      : column,
  );
}

/**
 * Whether two card models show the same thing. A live query re-read returns new objects for
 * every row; comparing what the card shows lets React skip all the cards a write did not touch.
 */
export function sameCard(a: DealCardModel, b: DealCardModel): boolean {
  if (a === b) return true;
  const x = a.deal;
  const y = b.deal;
  return (
    x.id === y.id &&
    x.title === y.title &&
    x.status === y.status &&
    x.event_date === y.event_date &&
    x.amount_minor === y.amount_minor &&
    x.currency === y.currency &&
    x.hold_level === y.hold_level &&
    a.people === b.people &&
    a.openTasks === b.openTasks &&
    a.idleDays === b.idleDays &&
    a.stale === b.stale &&
    a.conflicts.length === b.conflicts.length &&
    a.conflicts.every((c, i) => {
      const d = b.conflicts[i];
      return (
        d !== undefined &&
        c.id === d.id &&
        c.title === d.title &&
        c.hold_level === d.hold_level &&
        c.status === d.status
      );
    })
  );
}

/** Whether a column shows the same header and cards (so a re-read skips unchanged columns). */
export function sameColumn(a: ColumnModel, b: ColumnModel): boolean {
  if (a === b) return true;
  return (
    a.status === b.status &&
    a.label === b.label &&
    a.totals.length === b.totals.length &&
    a.totals.every((t, i) => {
      const u = b.totals[i];
      return (
        u !== undefined &&
        t.currency === u.currency &&
        t.count === u.count &&
        t.amount === u.amount &&
        t.weighted === u.weighted
      );
    }) &&
    a.cards.length === b.cards.length &&
    a.cards.every((card, i) => {
      const other = b.cards[i];
      return other !== undefined && sameCard(card, other);
    })
  );
}
