/**
 * Click-through: what list is behind a figure. Every cell of every figure carries one of
 * these plain objects (cheap to send from a worker); the list page turns it into rows with
 * the resolvers in drill-resolve.ts, which apply the very predicates the figure counted with,
 * so the list always has as many rows as the cell says (tested for every figure).
 */
import type { DealOutcome, DealStatus } from '../deals/statuses';
import type { IsoDate, Lifecycle, TouchpointKind } from '../records';
import type { ReportFilter } from './filter';
import type { CustomerOrigin } from './inputs';

/** The filter's scope (not its dates: each drill says which dates it means). */
export type DrillScope = Pick<ReportFilter, 'ownerId' | 'currency' | 'tag'>;

/** Inclusive calendar days. */
export type DateBounds = { from: IsoDate | null; to: IsoDate | null };

/** Deals picked by their status history: entered a stage, left it, or closed, in a period. */
export type DealHistoryDrill =
  | { type: 'entered'; status: DealStatus; from: IsoDate; to: IsoDate; reached: DealStatus | null }
  | { type: 'left'; status: DealStatus; from: IsoDate; to: IsoDate }
  | { type: 'closed'; outcome: Exclude<DealOutcome, 'open'> | null; from: IsoDate; to: IsoDate };

export type DealDrill = {
  kind: 'deals';
  /** The list's title in words: "Won in March 2026, EUR, contracted". */
  label: string;
  scope: DrillScope;
  statuses: readonly DealStatus[] | null;
  /** Event-date bounds; 'undated' means deals without an event date. */
  eventDate: DateBounds | 'undated' | null;
  staleOnly: boolean;
  history: DealHistoryDrill | null;
  /** Deals occupying one date at one venue (compared as holds.ts does). */
  slot: { date: IsoDate; venueKey: string } | null;
};

export type CustomerDrill = {
  kind: 'customers';
  label: string;
  scope: DrillScope;
  lifecycle: Lifecycle | null;
  /** A tag the customer carries (the "by tag" figure), besides the scope's tag. */
  hasTag: string | null;
  origin: CustomerOrigin | null;
  /** Created on these local days. */
  created: DateBounds | null;
  /** Never touched, or last touched more than this many days before now. */
  notTouchedDays: number | null;
  /** Only customers with no touchpoint at all. */
  neverTouched: boolean;
  optIn: 'email' | 'sms' | null;
  /** Touched on these local days (by this kind of touchpoint when set). */
  touched: (DateBounds & { kind: TouchpointKind | null }) | null;
  /** The most engaged: the first `top` customers by engagement score. */
  top: number | null;
};

export type TaskDrill = {
  kind: 'tasks';
  label: string;
  scope: Pick<ReportFilter, 'ownerId' | 'tag'>;
  state: 'open' | 'overdue' | 'completed';
  /** For completed tasks: completed on these local days. */
  completed: DateBounds | null;
};

/** One deal or one customer: the row opens its page. */
export type RecordLink = { kind: 'deal' | 'customer'; label: string; id: string };

export type Drill = DealDrill | CustomerDrill | TaskDrill | RecordLink;

export function scopeOf(filter: ReportFilter): DrillScope {
  return { ownerId: filter.ownerId, currency: filter.currency, tag: filter.tag };
}

/**
 * The scope of a drill to customers or tasks: people have no currency (the filter's currency
 * keeps no customer out), so it is left out, and a currency filter changes none of their
 * figures, drills included (they are kept and not drawn again: figure-memo.ts).
 */
export function peopleScopeOf(filter: ReportFilter): DrillScope {
  return { ownerId: filter.ownerId, currency: null, tag: filter.tag };
}

export function dealDrill(label: string, scope: DrillScope, parts: Partial<DealDrill>): DealDrill {
  return {
    kind: 'deals',
    label,
    scope,
    statuses: null,
    eventDate: null,
    staleOnly: false,
    history: null,
    slot: null,
    ...parts,
  };
}

export function customerDrill(
  label: string,
  scope: DrillScope,
  parts: Partial<CustomerDrill>,
): CustomerDrill {
  return {
    kind: 'customers',
    label,
    scope,
    lifecycle: null,
    hasTag: null,
    origin: null,
    created: null,
    notTouchedDays: null,
    neverTouched: false,
    optIn: null,
    touched: null,
    top: null,
    ...parts,
  };
}

export function taskDrill(
  label: string,
  scope: DrillScope,
  state: TaskDrill['state'],
  completed: DateBounds | null = null,
): TaskDrill {
  return {
    kind: 'tasks',
    label,
    scope: { ownerId: scope.ownerId, tag: scope.tag },
    state,
    completed,
  };
}
