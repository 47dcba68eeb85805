import { describe, expect, it } from 'vitest';
import {
  audienceReport as reportOn,
  customerOrigin,
} from '../../src/renderer/src/domain/reports/audience';
import { audienceTables } from '../../src/renderer/src/domain/reports/tables-customers';
import { indexCustomers } from '../../src/renderer/src/domain/reports/customer-index';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { context, customer } from './reports-fixtures';

type Rows = Parameters<typeof indexCustomers>[0];
const audienceReport = (rows: Rows, f: ReportFilter, ctx: ReturnType<typeof context>) =>
  reportOn(indexCustomers(rows, ctx.zone), f, ctx);
const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});

describe('where a customer came from', () => {
  it('is the recorded created_via, else the source of the earliest contact point, else unknown', () => {
    const email = (source: 'manual' | 'import' | 'sync', created_at: string, id = 'e') => ({
      source,
      created_at,
      id,
    });
    expect(
      customerOrigin({ created_via: 'sync' }, [email('import', '2026-01-01T00:00:00.000Z')]),
    ).toBe('sync');
    expect(
      customerOrigin({}, [
        email('manual', '2026-02-01T00:00:00.000Z'),
        email('import', '2026-01-01T00:00:00.000Z'),
      ]),
    ).toBe('import');
    expect(
      customerOrigin({}, [
        email('manual', '2026-01-01T00:00:00.000Z', 'b'),
        email('sync', '2026-01-01T00:00:00.000Z', 'a'),
      ]),
    ).toBe('sync');
    expect(customerOrigin({ created_via: null }, [])).toBe('unknown');
  });
});

describe('audience', () => {
  const customers = [
    customer({
      lifecycle: 'lead',
      tags: ['vip', 'jazz'],
      email_opt_in: 1,
      origin: 'import',
      created_at: '2026-03-01T10:00:00.000Z',
      owner_id: 'm1',
    }),
    customer({
      lifecycle: 'lead',
      tags: ['jazz'],
      sms_opt_in: 1,
      origin: 'manual',
      created_at: '2026-03-31T23:30:00.000Z',
    }),
    customer({
      lifecycle: 'customer',
      tags: [],
      email_opt_in: 1,
      sms_opt_in: 1,
      origin: 'sync',
      created_at: '2025-04-01T00:00:00.000Z',
    }),
    customer({ lifecycle: 'inactive', tags: ['VIP'], created_at: '2025-03-31T23:59:59.000Z' }), // before the 12 months
  ];
  const report = audienceReport(customers, NO_REPORT_FILTER, context());

  it('counts customers per lifecycle stage and per tag (exact spelling, as the list filter)', () => {
    expect(report.total).toBe(4);
    expect(report.byLifecycle).toEqual([
      { lifecycle: 'lead', count: 2 },
      { lifecycle: 'prospect', count: 0 },
      { lifecycle: 'customer', count: 1 },
      { lifecycle: 'inactive', count: 1 },
    ]);
    expect(report.byTag).toEqual([
      { tag: 'jazz', count: 2 },
      { tag: 'VIP', count: 1 },
      { tag: 'vip', count: 1 },
    ]);
    expect(report.untagged).toBe(1);
  });

  it('names each stage in its table as the customer list does, the list behind it too', () => {
    const table = audienceTables(report, NO_REPORT_FILTER).find(
      (t) => t.id === 'audience-lifecycle',
    )!;
    expect(table.rows.map((row) => row[0]!.text)).toEqual([
      'Lead',
      'Prospect',
      'Customer',
      'Inactive',
    ]);
    const drill = table.rows[0]![1]!.drill;
    expect(drill && 'label' in drill ? drill.label : null).toBe('Customers at the Lead stage');
  });

  it('names each source in words, in the new-customers table (its chart and CSV) and its lists', () => {
    const table = audienceTables(report, NO_REPORT_FILTER, { locale: 'en-US' }).find(
      (t) => t.id === 'audience-new',
    )!;
    expect(table.columns).toEqual([
      'Month',
      'Typed in',
      'Import',
      'Sync',
      'Event',
      'Web form',
      'Unknown',
      'Total',
    ]);
    const drill = table.rows.at(-1)![2]!.drill;
    expect(drill && 'label' in drill ? drill.label : null).toBe('New in Mar 2026 (Import)');
  });

  it('counts new customers per month of the last 12 by origin, in the user’s zone', () => {
    expect(report.newByMonth.map((m) => m.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(report.newByMonth[0]).toMatchObject({
      from: '2025-04-01',
      to: '2025-04-30',
      total: 1,
      byOrigin: { sync: 1 },
    });
    // The period ends today (the 15th): the customer created on the 31st is not in it yet.
    expect(report.newByMonth[11]).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-15',
      total: 1,
      byOrigin: { import: 1, manual: 0 },
    });
    const later = audienceReport(
      customers,
      NO_REPORT_FILTER,
      context({}, { now: new Date('2026-04-10T00:00:00.000Z') }),
    );
    expect(later.newByMonth.find((m) => m.month === '2026-03')!.total).toBe(2);
    // 23:30 UTC on 31 March is 1 April in Berlin.
    const berlin = audienceReport(
      customers,
      filter({ from: '2026-03-01', to: '2026-04-30' }),
      context({}, { timeZone: 'Europe/Berlin' }),
    );
    expect(berlin.newByMonth.map((m) => [m.month, m.total])).toEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
  });

  it('gives email and SMS opt-in as counts and shares, and applies owner and tag', () => {
    expect(report.emailOptIn).toEqual({ count: 2, share: 0.5 });
    expect(report.smsOptIn).toEqual({ count: 2, share: 0.5 });
    expect(audienceReport(customers, filter({ tag: 'jazz' }), context()).emailOptIn).toEqual({
      count: 1,
      share: 0.5,
    });
    expect(audienceReport(customers, filter({ ownerId: 'm1' }), context()).total).toBe(1);
    expect(audienceReport([], NO_REPORT_FILTER, context()).emailOptIn).toEqual({
      count: 0,
      share: null,
    });
  });
});
