/**
 * Audience figures over the live customers (the list rows): how many per lifecycle stage and
 * per tag, new customers per month by where they came from, and email / SMS opt-in rates.
 */
import type { IsoDate, Lifecycle } from '../records';
import { CONTACT_SOURCES, LIFECYCLE_STAGES } from '../records';
import type { MonthNumber } from './calendar';
import {
  firstDayOfMonth,
  isoDateFromDay,
  lastDayOfMonth,
  monthKey,
  monthOfDay,
  monthRange,
} from './calendar';
import type { ReportFilter } from './filter';
import type { CustomerIndex } from './customer-index';
import { customerScope } from './customer-index';
import { reportPeriod } from './filter';
import type { CustomerOrigin, ReportContext } from './inputs';

export const CUSTOMER_ORIGINS: readonly CustomerOrigin[] = [...CONTACT_SOURCES, 'unknown'];

export { customerOrigin } from '../customer-origin';

/** Case-insensitive, then by code unit ("VIP" before "vip"): the same order on every machine. */
function compareTags(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export type CountShare = { count: number; share: number | null };

export type AudienceReport = {
  total: number;
  byLifecycle: { lifecycle: Lifecycle; count: number }[];
  /** Most used first; a customer with three tags counts once under each. */
  byTag: { tag: string; count: number }[];
  untagged: number;
  /** Each month's days inside the period (the first and last month may be cut). */
  newByMonth: {
    month: string;
    from: IsoDate;
    to: IsoDate;
    byOrigin: Record<CustomerOrigin, number>;
    total: number;
  }[];
  emailOptIn: CountShare;
  smsOptIn: CountShare;
};

function share(count: number, total: number): CountShare {
  return { count, share: total === 0 ? null : count / total };
}

export function audienceReport(
  customers: CustomerIndex,
  filter: ReportFilter,
  context: ReportContext,
): AudienceReport {
  const period = reportPeriod(filter, context.today);
  const months = monthRange(monthOfDay(period.first), monthOfDay(period.last));
  const newByMonth = new Map<MonthNumber, Record<CustomerOrigin, number>>(
    months.map((m) => [
      m,
      Object.fromEntries(CUSTOMER_ORIGINS.map((o) => [o, 0])) as Record<CustomerOrigin, number>,
    ]),
  );
  const lifecycle = new Map<Lifecycle, number>(LIFECYCLE_STAGES.map((l) => [l, 0]));
  const tags = new Map<string, number>();
  const mask = customerScope(customers, filter);
  let total = 0;
  let untagged = 0;
  let email = 0;
  let sms = 0;
  customers.rows.forEach((customer, i) => {
    if (mask[i] === 0) return;
    total += 1;
    lifecycle.set(customer.lifecycle, (lifecycle.get(customer.lifecycle) ?? 0) + 1);
    if (customer.tags.length === 0) untagged += 1;
    for (const tag of new Set(customer.tags)) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    email += customer.email_opt_in;
    sms += customer.sms_opt_in;
    const day = customers.createdDay[i]!;
    if (!(day >= period.first && day <= period.last)) return;
    const bucket = newByMonth.get(monthOfDay(day));
    if (bucket) bucket[customer.origin ?? 'unknown'] += 1;
  });
  return {
    total,
    byLifecycle: LIFECYCLE_STAGES.map((l) => ({ lifecycle: l, count: lifecycle.get(l) ?? 0 })),
    byTag: [...tags.entries()]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || compareTags(a.tag, b.tag)),
    untagged,
    newByMonth: months.map((m) => {
      const byOrigin = newByMonth.get(m)!;
      return {
        month: monthKey(m),
        from: isoDateFromDay(Math.max(firstDayOfMonth(m), period.first)),
        to: isoDateFromDay(Math.min(lastDayOfMonth(m), period.last)),
        byOrigin,
        total: Object.values(byOrigin).reduce((a, b) => a + b, 0),
      };
    }),
    emailOptIn: share(email, total),
    smsOptIn: share(sms, total),
  };
}
