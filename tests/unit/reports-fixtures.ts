/** Builders and fast-check arbitraries for the report tests (plain records, no database). */
import fc from 'fast-check';
import type { DealStatus } from '../../src/renderer/src/domain/deals/statuses';
import { DEAL_STATUSES } from '../../src/renderer/src/domain/deals/statuses';
import type { ReportSettings } from '../../src/renderer/src/domain/reports/context';
import { createReportContext } from '../../src/renderer/src/domain/reports/context';
import type { ExchangeRateSet } from '../../src/renderer/src/domain/reports/exchange-rates';
import type {
  ReportContext,
  ReportCustomer,
  ReportDeal,
  ReportParticipant,
  ReportStatusChange,
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
      .integer({ min: 0, max: 120 })
      .map((days) => new Date(NOW.getTime() - days * 86_400_000).toISOString()),
  })
  .map((fields) => deal({ ...fields, hold_level: fields.status === 'hold' ? 1 : null }));

export const dealsArb = fc.array(dealArb, { maxLength: 40 });
