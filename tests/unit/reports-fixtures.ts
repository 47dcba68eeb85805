/** Builders and fast-check arbitraries for the report tests (plain records, no database). */
import fc from 'fast-check';
import type { DealStatus } from '../../src/renderer/src/domain/deals/statuses';
import { DEAL_STATUSES, TRANSITIONS } from '../../src/renderer/src/domain/deals/statuses';
import type { TouchpointKind } from '../../src/renderer/src/domain/records';
import { TOUCHPOINT_KINDS } from '../../src/renderer/src/domain/records';
import type { ReportSettings } from '../../src/renderer/src/domain/reports/context';
import { createReportContext } from '../../src/renderer/src/domain/reports/context';
import type { ExchangeRateSet } from '../../src/renderer/src/domain/reports/exchange-rates';
import type {
  ReportAssignment,
  ReportContext,
  ReportCustomer,
  ReportDeal,
  ReportMember,
  ReportParticipant,
  ReportStatusChange,
  ReportTask,
  ReportTouchpoint,
} from '../../src/renderer/src/domain/reports/inputs';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String((counter += 1)).padStart(6, '0')}`;

export function deal(fields: Partial<ReportDeal> = {}): ReportDeal {
  return {
    id: nextId('deal'),
    title: 'Deal',
    event_date: '2026-03-20',
    venue: 'Roundhouse',
    amount_minor: 100_000,
    currency: 'EUR',
    status: 'inquiry',
    hold_level: null,
    probability: null,
    owner_id: null,
    created_at: '2025-01-01T10:00:00.000Z',
    updated_at: '2025-01-01T10:00:00.000Z',
    last_activity_at: '2026-03-14T10:00:00.000Z',
    deleted: 0,
    ...fields,
  };
}

export function change(
  dealId: string,
  from: DealStatus | null,
  to: DealStatus,
  at: string,
): ReportStatusChange {
  return {
    id: nextId('hist'),
    deal_id: dealId,
    from_status: from,
    to_status: to,
    changed_at: at,
    deleted: 0,
  };
}

export function customer(fields: Partial<ReportCustomer> = {}): ReportCustomer {
  return {
    customer_id: nextId('cust'),
    display_name: 'Someone',
    tags: [],
    lifecycle: 'lead',
    owner_id: '',
    email_opt_in: 0,
    sms_opt_in: 0,
    last_touch_at: '',
    created_at: '2026-01-10T12:00:00.000Z',
    ...fields,
  };
}

/** 2026-03-15 12:00 UTC: the tests' "now" unless they say otherwise. */
export const NOW = new Date('2026-03-15T12:00:00.000Z');

export const RATES: ExchangeRateSet[] = [
  { id: 'r1', date: '2025-01-01', base: 'EUR', rates: { USD: '1.10', GBP: '0.80', JPY: '160' } },
  { id: 'r2', date: '2026-01-01', base: 'EUR', rates: { USD: '1.25', GBP: '0.50', JPY: '200' } },
];

export function context(
  data: { customers?: ReportCustomer[]; participants?: ReportParticipant[] } = {},
  settings: Partial<ReportSettings> = {},
): ReportContext {
  return createReportContext(
    { customers: data.customers ?? [], participants: data.participants ?? [] },
    { now: NOW, timeZone: 'UTC', rateSets: RATES, reportingCurrency: 'EUR', ...settings },
  );
}

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY'] as const;
export const OWNERS = ['', 'm1', 'm2'] as const;

/** A day within two years either side of NOW, as YYYY-MM-DD. */
export const isoDayArb = fc
  .integer({ min: -730, max: 730 })
  .map((offset) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10));

export const dealArb = fc
  .record({
    status: fc.constantFrom(...DEAL_STATUSES),
    currency: fc.constantFrom(...CURRENCIES),
    amount_minor: fc.integer({ min: 0, max: 50_000_000 }),
    probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    event_date: fc.option(isoDayArb, { nil: null }),
    owner_id: fc.constantFrom<string | null>(null, ...OWNERS),
    deleted: fc.constantFrom<0 | 1>(0, 0, 0, 1),
    venue: fc.constantFrom('Roundhouse', 'the roundhouse', 'Brudenell'),
    last_activity_at: fc
      // About half of the open deals stale (7 to 14 days allowed), half fresh.
      .integer({ min: 0, max: 28 })
      .map((days) => new Date(NOW.getTime() - days * 86_400_000).toISOString()),
  })
  .map((fields) => deal({ ...fields, hold_level: fields.status === 'hold' ? 1 : null }));

export const dealsArb = fc.array(dealArb, { maxLength: 40 });

/** A whole workspace: deals walked through allowed moves (histories with gaps), people, work. */
export type Dataset = ReturnType<typeof buildDataset>;

const walkArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 40 })), { maxLength: 6 });

export const datasetArb = fc
  .record({
    deals: fc.array(fc.tuple(dealArb, fc.integer({ min: 0, max: 500 }), walkArb, fc.nat(3)), {
      maxLength: 25,
    }),
    customers: fc.array(
      fc.record({
        tags: fc.subarray(['vip', 'jazz', 'VIP']),
        lifecycle: fc.constantFrom('lead' as const, 'prospect' as const, 'customer' as const),
        owner_id: fc.constantFrom(...OWNERS),
        email_opt_in: fc.constantFrom<0 | 1>(0, 1),
        sms_opt_in: fc.constantFrom<0 | 1>(0, 1),
        created: fc.integer({ min: 0, max: 500 }),
        touched: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
        origin: fc.constantFrom('manual' as const, 'import' as const, 'sync' as const, undefined),
      }),
      { maxLength: 15 },
    ),
    links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
    touches: fc.array(
      fc.tuple(fc.nat(), fc.constantFrom(...TOUCHPOINT_KINDS), fc.integer({ min: 0, max: 120 })),
      { maxLength: 40 },
    ),
    tasks: fc.array(
      fc.record({
        status: fc.constantFrom(
          'open' as const,
          'in-progress' as const,
          'done' as const,
          'cancelled' as const,
        ),
        due: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
        done: fc.integer({ min: 0, max: 120 }),
        owner: fc.constantFrom(...OWNERS),
        customer: fc.option(fc.nat(), { nil: null }),
        deal: fc.option(fc.nat(), { nil: null }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(buildDataset);

const daysBefore = (days: number, hour = 10) =>
  new Date(NOW.getTime() - days * 86_400_000 + (hour - 12) * 3_600_000).toISOString();

function buildDataset(raw: {
  deals: [ReportDeal, number, [number, number][], number][];
  customers: {
    tags: string[];
    lifecycle: ReportCustomer['lifecycle'];
    owner_id: string;
    email_opt_in: 0 | 1;
    sms_opt_in: 0 | 1;
    created: number;
    touched: number | null;
    origin: ReportCustomer['origin'];
  }[];
  links: [number, number][];
  touches: [number, TouchpointKind, number][];
  tasks: {
    status: ReportTask['status'];
    due: number | null;
    done: number;
    owner: string;
    customer: number | null;
    deal: number | null;
  }[];
}) {
  const history: ReportStatusChange[] = [];
  const deals = raw.deals.map(([base, age, walk, gap]) => {
    let status: DealStatus = 'inquiry';
    let day = age;
    const changes: ReportStatusChange[] = [change(base.id, null, status, daysBefore(day))];
    for (const [pick, wait] of walk) {
      const options: readonly DealStatus[] = TRANSITIONS[status];
      if (options.length === 0 || day - wait < 0) break;
      const next: DealStatus = options[pick % options.length]!;
      day -= wait;
      changes.push(change(base.id, status, next, daysBefore(day, 11)));
      status = next;
    }
    // gap 1: no creation record; gap 2: the last move was never recorded.
    if (gap === 1) changes.shift();
    if (gap === 2 && changes.length > 1) changes.pop();
    history.push(...changes);
    return {
      ...base,
      status,
      hold_level: status === 'hold' ? 1 : null,
      created_at: daysBefore(age),
      updated_at: daysBefore(day, 11),
    };
  });
  const customers = raw.customers.map((c) =>
    customer({
      tags: c.tags,
      lifecycle: c.lifecycle,
      owner_id: c.owner_id,
      email_opt_in: c.email_opt_in,
      sms_opt_in: c.sms_opt_in,
      created_at: daysBefore(c.created),
      last_touch_at: c.touched === null ? '' : daysBefore(c.touched),
      origin: c.origin,
    }),
  );
  const pick = <T>(list: T[], index: number | null): T | undefined =>
    index === null || list.length === 0 ? undefined : list[index % list.length];
  const participants: ReportParticipant[] = raw.links.flatMap(([d, c]) => {
    const [dealRow, person] = [pick(deals, d), pick(customers, c)];
    return dealRow && person
      ? [{ deal_id: dealRow.id, customer_id: person.customer_id, deleted: 0 as const }]
      : [];
  });
  const touchpoints: ReportTouchpoint[] = raw.touches.flatMap(([c, kind, days]) => {
    const person = pick(customers, c);
    return person
      ? [
          {
            customer_id: person.customer_id,
            kind,
            occurred_at: daysBefore(days, 3 + (days % 20)),
            value: days * 100,
            deleted: 0 as const,
          },
        ]
      : [];
  });
  const tasks: ReportTask[] = [];
  const assignments: ReportAssignment[] = [];
  raw.tasks.forEach((t, i) => {
    const id = `task-${i}`;
    tasks.push({
      id,
      status: t.status,
      due_at: t.due === null ? null : daysBefore(t.due, 9),
      completed_at: t.status === 'done' ? daysBefore(t.done, 15) : null,
      customer_id: pick(customers, t.customer)?.customer_id ?? null,
      deal_id: pick(deals, t.deal)?.id ?? null,
      deleted: 0,
    });
    if (t.owner)
      assignments.push({ task_id: id, member_id: t.owner, assignment_type: 'owner', deleted: 0 });
  });
  const members: ReportMember[] = [
    { id: 'm1', name: 'Ana', active: 1, deleted: 0 },
    { id: 'm2', name: 'Bo', active: 1, deleted: 0 },
  ];
  return { deals, history, customers, participants, touchpoints, tasks, assignments, members };
}

export const reportFilterArb = fc.record({
  ownerId: fc.constantFrom<string | null>(null, ...OWNERS),
  currency: fc.constantFrom<string | null>(null, ...CURRENCIES),
  from: fc.option(isoDayArb, { nil: null }),
  to: fc.option(isoDayArb, { nil: null }),
  tag: fc.constantFrom<string | null>(null, 'vip', 'jazz'),
});
