/** Engagement and audience figures as tables, each cell with the customers behind it. */
import { formatListDay, LIFECYCLE_LABELS } from '../customers/list-cell-format';
import { TOUCHPOINT_KINDS } from '../records';
import { TOUCHPOINT_LABELS } from '../touchpoint-labels';
import type { AudienceReport } from './audience';
import { CUSTOMER_ORIGIN_LABELS } from '../customer-origin';
import { CUSTOMER_ORIGINS } from './audience';
import { isoDateFromDay } from './calendar';
import { customerById } from './customer-index';
import { customerDrill, peopleScopeOf } from './drill';
import type { EngagedCustomer, NotTouched, TouchesByWeek } from './engagement';
import type { ReportFilter } from './filter';
import type { ReportContext } from './inputs';
import type { Cell, ReportTable, TableOptions } from './report-table';
import {
  countCell,
  dayCell,
  formatReportDay,
  formatReportMonth,
  monthCell,
  percentCell,
  textCell,
} from './report-table';
import { weekBounds } from './weeks';

export function touchesTable(
  touches: TouchesByWeek,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const scope = peopleScopeOf(filter);
  const rows = touches.weeks.starts.map((monday, i): Cell[] => {
    const bounds = weekBounds(touches.weeks, i);
    const week = touches.counts[i]!;
    const iso = isoDateFromDay(monday);
    const written = formatReportDay(iso, options);
    return [
      dayCell(iso, null, options),
      ...TOUCHPOINT_KINDS.map((kind, k) =>
        countCell(
          week[k]!,
          customerDrill(`Touched by ${kind}, week of ${written}`, scope, {
            touched: { ...bounds, kind },
          }),
          options,
        ),
      ),
      countCell(
        week.reduce((a, b) => a + b, 0),
        customerDrill(`Touched, week of ${written}`, scope, {
          touched: { ...bounds, kind: null },
        }),
        options,
      ),
    ];
  });
  return {
    id: 'engagement-touches',
    title: 'Touchpoints per week by channel',
    caption:
      'Touchpoints logged, by the week they happened in and their kind. The list behind a number is the customers touched (one row per customer).',
    columns: ['Week of', ...TOUCHPOINT_KINDS.map((kind) => TOUCHPOINT_LABELS[kind]), 'Total'],
    rows,
    notes: [],
  };
}

export function mostEngagedTable(
  engaged: readonly EngagedCustomer[],
  context: ReportContext,
): ReportTable {
  const rows: Cell[][] = engaged.map((entry, i) => {
    const customer = customerById(context.customers, entry.customerId);
    const name = customer?.display_name ?? entry.customerId;
    return [
      countCell(i + 1),
      textCell(name, { kind: 'customer', label: name, id: entry.customerId }),
      countCell(entry.score),
      // The customer list's day ("Mar 25, 2027", the user's zone); the CSV keeps the ISO day.
      customer?.last_touch_at
        ? {
            text: formatListDay(customer.last_touch_at),
            csv: customer.last_touch_at.slice(0, 10),
            drill: null,
          }
        : textCell(''),
    ];
  });
  return {
    id: 'engagement-most-engaged',
    title: 'Most engaged customers',
    caption: `The ${engaged.length} customers with the highest engagement score (0 to 100: recent and frequent touchpoints).`,
    columns: ['Rank', 'Customer', 'Score', 'Last touch'],
    rows,
    notes: [],
  };
}

export function notTouchedTable(
  quiet: NotTouched,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const scope = peopleScopeOf(filter);
  const drill = customerDrill(`Not touched in ${quiet.days} days`, scope, {
    notTouchedDays: quiet.days,
  });
  const never = customerDrill('Never touched', scope, { neverTouched: true });
  return {
    id: 'engagement-not-touched',
    title: `Customers not touched in ${quiet.days} days`,
    caption: `Customers whose last touchpoint is more than ${quiet.days} days old, or who have none.`,
    columns: ['Not touched in', 'Customers', 'Share', 'Never touched'],
    rows: [
      [
        textCell(`${quiet.days} days`),
        countCell(quiet.count, drill, options),
        percentCell(quiet.inScope === 0 ? null : quiet.count / quiet.inScope, drill),
        countCell(quiet.neverTouched, never, options),
      ],
    ],
    notes: [],
  };
}

export function audienceTables(
  audience: AudienceReport,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable[] {
  const scope = peopleScopeOf(filter);
  const share = (n: number) => (audience.total === 0 ? null : n / audience.total);
  const lifecycle = audience.byLifecycle.map(({ lifecycle: stage, count }) => {
    // Named as the customer list names the stage ("Lead"), in the table, its CSV and the list title.
    const label = LIFECYCLE_LABELS[stage] ?? stage;
    const drill = customerDrill(`Customers at the ${label} stage`, scope, { lifecycle: stage });
    return [textCell(label), countCell(count, drill, options), percentCell(share(count), drill)];
  });
  const tags = audience.byTag.map(({ tag, count }) => {
    const drill = customerDrill(`Tagged ${tag}`, scope, { hasTag: tag });
    return [textCell(tag), countCell(count, drill, options), percentCell(share(count), drill)];
  });
  const months = audience.newByMonth.map((m) => {
    const created = { from: m.from, to: m.to };
    const month = formatReportMonth(m.month, options);
    return [
      monthCell(m.month, null, options),
      ...CUSTOMER_ORIGINS.map((o) =>
        countCell(
          m.byOrigin[o],
          customerDrill(`New in ${month} (${CUSTOMER_ORIGIN_LABELS[o]})`, scope, {
            created,
            origin: o,
          }),
          options,
        ),
      ),
      countCell(m.total, customerDrill(`New in ${month}`, scope, { created }), options),
    ];
  });
  const optIn = (['email', 'sms'] as const).map((channel) => {
    const value = channel === 'email' ? audience.emailOptIn : audience.smsOptIn;
    const drill = customerDrill(`Opted in to ${channel}`, scope, { optIn: channel });
    return [
      textCell(channel === 'email' ? 'Email' : 'SMS'),
      countCell(value.count, drill, options),
      percentCell(value.share, drill),
    ];
  });
  const table = (
    id: string,
    title: string,
    caption: string,
    columns: string[],
    rows: Cell[][],
  ): ReportTable => ({ id, title, caption, columns, rows, notes: [] });
  return [
    table(
      'audience-lifecycle',
      'Customers by lifecycle stage',
      `${audience.total.toLocaleString(options.locale)} customers.`,
      ['Stage', 'Customers', 'Share'],
      lifecycle,
    ),
    table(
      'audience-tags',
      'Customers by tag',
      `A customer with several tags counts under each; ${audience.untagged.toLocaleString(options.locale)} have none.`,
      ['Tag', 'Customers', 'Share'],
      tags,
    ),
    table(
      'audience-new',
      'New customers per month by source',
      'Customers created each month, by how they came in.',
      ['Month', ...CUSTOMER_ORIGINS.map((o) => CUSTOMER_ORIGIN_LABELS[o]), 'Total'],
      months,
    ),
    table(
      'audience-opt-in',
      'Marketing opt-in',
      'Customers who agreed to receive email or SMS marketing.',
      ['Channel', 'Opted in', 'Share'],
      optIn,
    ),
  ];
}
