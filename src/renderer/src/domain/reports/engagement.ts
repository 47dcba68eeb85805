/**
 * Engagement figures: touchpoints per week by channel (the touchpoint's kind), customers not
 * touched in N days, and the most engaged customers by score. Touchpoints are indexed once
 * per data change into typed arrays (local day, kind, customer position), so a filter change
 * is one pass over plain numbers.
 */
import type { TouchpointKind } from '../records';
import { TOUCHPOINT_KINDS } from '../records';
import { DAY_MS, instantMs } from './calendar';
import type { CustomerIndex } from './customer-index';
import { customerScope } from './customer-index';
import { displayScore } from './engagement-score';
import type { ReportFilter } from './filter';
import type { ReportContext, ReportTouchpoint } from './inputs';
import type { WeekWindow } from './weeks';
import { weekIndex, weekWindow } from './weeks';

export type TouchIndex = {
  day: Int32Array;
  /** Position in TOUCHPOINT_KINDS. */
  kind: Uint8Array;
  /** Position of the customer in the CustomerIndex. */
  customer: Int32Array;
};

const KIND_INDEX = new Map<TouchpointKind, number>(TOUCHPOINT_KINDS.map((k, i) => [k, i]));

/**
 * Live touchpoints of live customers with a readable time, as local days. A touchpoint of a
 * deleted customer is left out here: no figure counts it. Any order works; customer order
 * (the table's customer_id index) is the fastest.
 */
export function indexTouchpoints(
  touchpoints: readonly ReportTouchpoint[],
  customers: CustomerIndex,
  context: ReportContext,
): TouchIndex {
  const day = new Int32Array(touchpoints.length);
  const kind = new Uint8Array(touchpoints.length);
  const customer = new Int32Array(touchpoints.length);
  let count = 0;
  // Read through the customer_id index, a customer's touchpoints come together: one look-up each.
  let lastId = '';
  let lastPosition: number | undefined;
  for (const touch of touchpoints) {
    if (touch.deleted === 1) continue;
    if (touch.customer_id !== lastId) {
      lastId = touch.customer_id;
      lastPosition = customers.position.get(lastId);
    }
    const position = lastPosition;
    const kindIndex = KIND_INDEX.get(touch.kind);
    const ms = instantMs(touch.occurred_at);
    if (position === undefined || kindIndex === undefined || Number.isNaN(ms)) continue;
    day[count] = context.zone.dayOf(ms);
    kind[count] = kindIndex;
    customer[count] = position;
    count += 1;
  }
  return {
    day: day.subarray(0, count),
    kind: kind.subarray(0, count),
    customer: customer.subarray(0, count),
  };
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
  touches: TouchIndex,
  customers: CustomerIndex,
  filter: ReportFilter,
  context: ReportContext,
): TouchesByWeek {
  const weeks = weekWindow(filter, context.today);
  const counts = weeks.starts.map(() => new Array<number>(TOUCHPOINT_KINDS.length).fill(0));
  const totalsByKind = new Array<number>(TOUCHPOINT_KINDS.length).fill(0);
  const mask = customerScope(customers, filter);
  let total = 0;
  for (let i = 0; i < touches.day.length; i += 1) {
    if (mask[touches.customer[i]!] === 0) continue;
    const week = weekIndex(weeks, touches.day[i]!);
    if (week < 0) continue;
    counts[week]![touches.kind[i]!]! += 1;
    totalsByKind[touches.kind[i]!]! += 1;
    total += 1;
  }
  return { weeks, kinds: TOUCHPOINT_KINDS, counts, totalsByKind, total };
}

/** Never touched, or last touched more than `days` days before now (lastMs NaN: never). */
export function isNotTouched(lastMs: number, days: number, nowMs: number): boolean {
  return Number.isNaN(lastMs) || lastMs < nowMs - days * DAY_MS;
}

export type NotTouched = { days: number; count: number; inScope: number; neverTouched: number };

export function notTouched(
  customers: CustomerIndex,
  filter: ReportFilter,
  context: ReportContext,
  days: number,
): NotTouched {
  const mask = customerScope(customers, filter);
  const result: NotTouched = { days, count: 0, inScope: 0, neverTouched: 0 };
  for (let i = 0; i < mask.length; i += 1) {
    if (mask[i] === 0) continue;
    result.inScope += 1;
    const last = customers.lastTouchMs[i]!;
    if (!isNotTouched(last, days, context.nowMs)) continue;
    result.count += 1;
    if (customers.rows[i]!.last_touch_at === '') result.neverTouched += 1;
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
  customers: CustomerIndex,
  filter: ReportFilter,
  context: ReportContext,
  top = 10,
): EngagedCustomer[] {
  const best: EngagedCustomer[] = [];
  if (top <= 0) return best;
  const mask = customerScope(customers, filter);
  customers.rows.forEach((customer, i) => {
    const logScore = customer.engagement_log;
    if (logScore === null || logScore === undefined || mask[i] === 0) return;
    const entry = { customerId: customer.customer_id, logScore, score: 0 };
    if (best.length === top && compareEngagement(entry, best[best.length - 1]!) >= 0) return;
    let at = best.length;
    while (at > 0 && compareEngagement(entry, best[at - 1]!) < 0) at -= 1;
    best.splice(at, 0, entry);
    if (best.length > top) best.pop();
  });
  for (const entry of best) entry.score = displayScore(entry.logScore, context.nowMs);
  return best;
}
