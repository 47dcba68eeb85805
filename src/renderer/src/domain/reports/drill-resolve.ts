/**
 * The rows behind a drill, with the same predicates the figures count with. The list page
 * calls these on click (one pass over its rows), so drills stay small plain objects.
 */
import { venueKey } from '../deals/holds';
import { isStale } from '../deals/staleness';
import { outcomeOf, STATUS_DEFINITIONS } from '../deals/statuses';
import { TOUCHPOINT_KINDS } from '../records';
import { isOpenStatus } from '../tasks/task-groups';
import { dayFromIsoDate } from './calendar';
import type { CustomerIndex } from './customer-index';
import { customerScope } from './customer-index';
import type { CustomerDrill, DateBounds, DealDrill, DealHistoryDrill, TaskDrill } from './drill';
import { mostEngaged, isNotTouched } from './engagement';
import type { TouchIndex } from './engagement';
import type { ReportFilter } from './filter';
import { dealInScope, taskInScope } from './filter';
import type { ReportContext, ReportCustomer, ReportDeal } from './inputs';
import { LADDER } from './pipeline';
import type { DealTimeline, Stay } from './stage-history';
import type { TaskFacts } from './team';
import { isOverdueFact } from './team';

function withinBounds(day: number | null, bounds: DateBounds): boolean {
  if (day === null) return false;
  const from = bounds.from === null ? null : dayFromIsoDate(bounds.from);
  const to = bounds.to === null ? null : dayFromIsoDate(bounds.to);
  return (from === null || day >= from) && (to === null || day <= to);
}

/** The board's rule: no bound, any deal; a bound, only deals with an event date inside it. */
function eventDateFits(deal: ReportDeal, eventDate: DealDrill['eventDate']): boolean {
  if (
    eventDate === null ||
    (eventDate !== 'undated' && eventDate.from === null && eventDate.to === null)
  )
    return true;
  const day = dayFromIsoDate(deal.event_date);
  return eventDate === 'undated' ? day === null : withinBounds(day, eventDate);
}

function historyFits(
  stays: readonly Stay[],
  closedAt: number | null,
  deal: ReportDeal,
  drill: DealHistoryDrill,
  context: ReportContext,
): boolean {
  const inRange = (ms: number) => withinBounds(context.zone.dayOf(ms), drill);
  if (drill.type === 'closed') {
    if (closedAt === null || !inRange(closedAt)) return false;
    return drill.outcome === null || outcomeOf(deal.status) === drill.outcome;
  }
  if (drill.type === 'left')
    return stays.some((s) => s.status === drill.status && s.end !== null && inRange(s.end));
  const index = stays.findIndex((s) => s.status === drill.status && inRange(s.start));
  if (index < 0) return false;
  if (drill.reached === null) return true;
  const rung = LADDER.indexOf(drill.reached);
  return stays.slice(index + 1).some((s) => LADDER.indexOf(s.status) >= rung);
}

const scopeFilter = (
  scope: Pick<ReportFilter, 'ownerId' | 'tag'> & { currency?: string | null },
): ReportFilter => ({
  from: null,
  to: null,
  ownerId: scope.ownerId,
  currency: scope.currency ?? null,
  tag: scope.tag,
});

/** The live deals behind a deal drill, in the order of `timelines`. */
export function dealsBehind(
  drill: DealDrill,
  timelines: readonly DealTimeline[],
  context: ReportContext,
): ReportDeal[] {
  const filter = scopeFilter(drill.scope);
  const rows: ReportDeal[] = [];
  for (const { deal, stays, closedAt } of timelines) {
    if (!dealInScope(deal, filter, context)) continue;
    if (drill.statuses && !drill.statuses.includes(deal.status)) continue;
    if (!eventDateFits(deal, drill.eventDate)) continue;
    if (drill.staleOnly && !isStale(deal, context.now, context.stages.staleAfter)) continue;
    if (drill.history && !historyFits(stays, closedAt, deal, drill.history, context)) continue;
    if (drill.slot) {
      if (!STATUS_DEFINITIONS[deal.status].occupiesDate || deal.event_date !== drill.slot.date)
        continue;
      if (venueKey(deal.venue) !== drill.slot.venueKey) continue;
    }
    rows.push(deal);
  }
  return rows;
}

const dayOrNull = (day: number) => (Number.isNaN(day) ? null : day);

function touchedPositions(
  index: TouchIndex,
  touched: NonNullable<CustomerDrill['touched']>,
): Set<number> {
  const wanted = touched.kind === null ? -1 : TOUCHPOINT_KINDS.indexOf(touched.kind);
  const positions = new Set<number>();
  for (let i = 0; i < index.day.length; i += 1) {
    if (wanted >= 0 && index.kind[i] !== wanted) continue;
    if (withinBounds(index.day[i]!, touched)) positions.add(index.customer[i]!);
  }
  return positions;
}

export function customersBehind(
  drill: CustomerDrill,
  customers: CustomerIndex,
  touches: TouchIndex,
  context: ReportContext,
): ReportCustomer[] {
  const filter = scopeFilter(drill.scope);
  const mask = customerScope(customers, filter);
  const touched = drill.touched ? touchedPositions(touches, drill.touched) : null;
  const top =
    drill.top === null
      ? null
      : new Set(mostEngaged(customers, filter, context, drill.top).map((e) => e.customerId));
  return customers.rows.filter((customer, i) => {
    if (mask[i] === 0) return false;
    if (drill.lifecycle && customer.lifecycle !== drill.lifecycle) return false;
    if (drill.hasTag !== null && !customer.tags.includes(drill.hasTag)) return false;
    if (drill.origin && (customer.origin ?? 'unknown') !== drill.origin) return false;
    if (drill.created && !withinBounds(dayOrNull(customers.createdDay[i]!), drill.created))
      return false;
    if (
      drill.notTouchedDays !== null &&
      !isNotTouched(customers.lastTouchMs[i]!, drill.notTouchedDays, context.nowMs)
    )
      return false;
    if (drill.neverTouched && customer.last_touch_at !== '') return false;
    if (drill.optIn === 'email' && customer.email_opt_in !== 1) return false;
    if (drill.optIn === 'sms' && customer.sms_opt_in !== 1) return false;
    if (touched && !touched.has(i)) return false;
    return top === null || top.has(customer.customer_id);
  });
}

export function tasksBehind(
  drill: TaskDrill,
  tasks: readonly TaskFacts[],
  context: ReportContext,
): TaskFacts[] {
  const filter = scopeFilter(drill.scope);
  return tasks.filter((task) => {
    if (!taskInScope(task, filter, context)) return false;
    if (drill.state === 'open') return isOpenStatus(task.status);
    if (drill.state === 'overdue') return isOverdueFact(task, context.nowMs);
    if (isOpenStatus(task.status) || Number.isNaN(task.completedMs)) return false;
    return (
      drill.completed === null ||
      withinBounds(context.zone.dayOf(task.completedMs), drill.completed)
    );
  });
}
