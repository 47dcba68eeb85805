/**
 * Engagement figures: touchpoints per week by channel (the touchpoint's kind), customers not
 * touched in N days, and the most engaged customers by score. Touchpoints are indexed once
 * per data change into typed arrays (local day, kind, customer), so a filter change is one
 * pass over plain numbers.
 */
import type { TouchpointKind } from '../records';
import { TOUCHPOINT_KINDS } from '../records';
import { DAY_MS, instantMs } from './calendar';
import type { ReportFilter } from './filter';
import { customerInScope } from './filter';
import type { ReportContext, ReportCustomer, ReportTouchpoint } from './inputs';
import { displayScore } from './engagement-score';
import type { WeekWindow } from './weeks';
import { weekIndex, weekWindow } from './weeks';

export type TouchIndex = {
  day: Int32Array;
  kind: Uint8Array;
  /** Index into `customerIds`. */
  customer: Int32Array;
  customerIds: string[];
};

const KIND_INDEX = new Map<TouchpointKind, number>(TOUCHPOINT_KINDS.map((k, i) => [k, i]));

/** Live touchpoints with a readable time, as local days in the context's zone. */
export function indexTouchpoints(
  touchpoints: readonly ReportTouchpoint[],
  context: ReportContext,
): TouchIndex {
  const day = new Int32Array(touchpoints.length);
  const kind = new Uint8Array(touchpoints.length);
  const customer = new Int32Array(touchpoints.length);
  const customerIds: string[] = [];
  const ids = new Map<string, number>();
  let count = 0;
  for (const touch of touchpoints) {
    const ms = instantMs(touch.occurred_at);
    const kindIndex = KIND_INDEX.get(touch.kind);
    if (touch.deleted === 1 || Number.isNaN(ms) || kindIndex === undefined) continue;
    let index = ids.get(touch.customer_id);
    if (index === undefined) {
      index = customerIds.length;
      ids.set(touch.customer_id, index);
      customerIds.push(touch.customer_id);
    }
    day[count] = context.zone.dayOf(ms);
    kind[count] = kindIndex;
    customer[count] = index;
    count += 1;
  }
  return {
    day: day.subarray(0, count),
    kind: kind.subarray(0, count),
    customer: customer.subarray(0, count),
    customerIds,
  };
}

/** Which indexed customers the filter keeps (a customer not live is never kept). */
function customerMask(index: TouchIndex, filter: ReportFilter, context: ReportContext): Uint8Array {
  const mask = new Uint8Array(index.customerIds.length);
  index.customerIds.forEach((id, i) => {
    const customer = context.customers.get(id);
    mask[i] = customer && customerInScope(customer, filter) ? 1 : 0;
  });
  return mask;
}

export type TouchesByWeek = {
  weeks: WeekWindow;
  kinds: readonly TouchpointKind[];
  /** counts[week][kind], kinds in TOUCHPOINT_KINDS order. */
  counts: number[][];
  totalsByKind: number[];
  total: number;
};

export function touchesByWeek(
  index: TouchIndex,
  filter: ReportFilter,
  context: ReportContext,
): TouchesByWeek {
  const weeks = weekWindow(filter, context.today);
  const counts = weeks.starts.map(() => new Array<number>(TOUCHPOINT_KINDS.length).fill(0));
  const totalsByKind = new Array<number>(TOUCHPOINT_KINDS.length).fill(0);
  const mask = customerMask(index, filter, context);
  let total = 0;
  for (let i = 0; i < index.day.length; i += 1) {
    if (mask[index.customer[i]!] === 0) continue;
    const week = weekIndex(weeks, index.day[i]!);
    if (week < 0) continue;
    counts[week]![index.kind[i]!]! += 1;
    totalsByKind[index.kind[i]!]! += 1;
    total += 1;
  }
  return { weeks, kinds: TOUCHPOINT_KINDS, counts, totalsByKind, total };
}

/** Never touched, or last touched more than `days` days before now. */
export function isNotTouched(
  customer: Pick<ReportCustomer, 'last_touch_at'>,
  days: number,
  nowMs: number,
): boolean {
  if (!customer.last_touch_at) return true;
  const last = instantMs(customer.last_touch_at);
  return Number.isNaN(last) || last < nowMs - days * DAY_MS;
}

export type NotTouched = { days: number; count: number; inScope: number; neverTouched: number };

export function notTouched(
  customers: readonly ReportCustomer[],
  filter: ReportFilter,
  context: ReportContext,
  days: number,
): NotTouched {
  const result: NotTouched = { days, count: 0, inScope: 0, neverTouched: 0 };
  for (const customer of customers) {
    if (!customerInScope(customer, filter)) continue;
    result.inScope += 1;
    if (!isNotTouched(customer, days, context.nowMs)) continue;
    result.count += 1;
    if (!customer.last_touch_at) result.neverTouched += 1;
  }
  return result;
}

export type EngagedCustomer = { customerId: string; logScore: number; score: number };

/** Ranks by stored L, highest first, then by id; customers never touched are not ranked. */
export function compareEngagement(
  a: { customerId: string; logScore: number },
  b: { customerId: string; logScore: number },
): number {
  return (
    b.logScore - a.logScore ||
    (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0)
  );
}

/** The `top` most engaged customers in scope: one pass, keeping a short sorted list. */
export function mostEngaged(
  customers: readonly ReportCustomer[],
  filter: ReportFilter,
  context: ReportContext,
  top = 10,
): EngagedCustomer[] {
  const best: EngagedCustomer[] = [];
  if (top <= 0) return best;
  for (const customer of customers) {
    const logScore = customer.engagement_log;
    if (logScore === null || logScore === undefined || !customerInScope(customer, filter)) continue;
    const entry = { customerId: customer.customer_id, logScore, score: 0 };
    if (best.length === top && compareEngagement(entry, best[best.length - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && compareEngagement(entry, best[at - 1]!) < 0) at -= 1;
    best.splice(at, 0, entry);
    if (best.length > top) best.pop();
  }
  for (const entry of best) entry.score = displayScore(entry.logScore, context.nowMs);
  return best;
}
