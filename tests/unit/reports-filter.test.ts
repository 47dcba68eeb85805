import { describe, expect, it } from 'vitest';
import { dayFromIsoDate, isoDateFromDay } from '../../src/renderer/src/domain/reports/calendar';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import {
  filterProblems,
  fromBoardFilters,
  NO_REPORT_FILTER,
  reportPeriod,
  taskInScope,
  toBoardFilters,
} from '../../src/renderer/src/domain/reports/filter';
import { revenueWindow } from '../../src/renderer/src/domain/reports/revenue';
import { weekWindow } from '../../src/renderer/src/domain/reports/weeks';
import { context, customer } from './reports-fixtures';

const TODAY = dayFromIsoDate('2026-03-15')!; // a Sunday
const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});
const span = (s: { first: number; last: number }) => [
  isoDateFromDay(s.first),
  isoDateFromDay(s.last),
];

describe('the report filter', () => {
  it('refuses dates it cannot read and an end before the start, in words', () => {
    expect(filterProblems(filter({ from: '2026-02-30' }))).toEqual([
      { field: 'from', message: '2026-02-30 is not a date (YYYY-MM-DD)' },
    ]);
    expect(filterProblems(filter({ from: '2026-03-02', to: '2026-03-01' }))).toEqual([
      { field: 'to', message: 'The end date is before the start date' },
    ]);
    expect(filterProblems(filter({ from: '2026-03-01', to: '2026-03-01' }))).toEqual([]);
  });

  it('refuses a year typed halfway (0002, 0202) instead of counting weeks since year 2', () => {
    expect(filterProblems(filter({ from: '0002-01-01' }))).toEqual([
      { field: 'from', message: '0002-01-01 is before 1900: type the year in full' },
    ]);
    expect(filterProblems(filter({ from: '2026-01-01', to: '0202-03-01' }))).toEqual([
      { field: 'to', message: '0202-03-01 is before 1900: type the year in full' },
      { field: 'to', message: 'The end date is before the start date' },
    ]);
    expect(filterProblems(filter({ from: '1900-01-01' }))).toEqual([]);
  });

  it('gives history figures a period: the range, or 12 months up to today or to the end', () => {
    expect(span(reportPeriod(NO_REPORT_FILTER, TODAY))).toEqual(['2025-04-01', '2026-03-15']);
    expect(span(reportPeriod(filter({ from: '2026-01-10', to: '2026-02-01' }), TODAY))).toEqual([
      '2026-01-10',
      '2026-02-01',
    ]);
    expect(span(reportPeriod(filter({ from: '2025-12-01' }), TODAY))).toEqual([
      '2025-12-01',
      '2026-03-15',
    ]);
    expect(span(reportPeriod(filter({ from: '2026-06-01' }), TODAY))).toEqual([
      '2026-06-01',
      '2026-06-01',
    ]);
    expect(span(reportPeriod(filter({ to: '2024-05-20' }), TODAY))).toEqual([
      '2023-06-01',
      '2024-05-20',
    ]);
  });

  it('gives revenue a window of 24 months around today, from a start or up to an end', () => {
    expect(span(revenueWindow(NO_REPORT_FILTER, TODAY))).toEqual(['2025-04-01', '2027-03-31']);
    expect(span(revenueWindow(filter({ from: '2026-01-10' }), TODAY))).toEqual([
      '2026-01-10',
      '2027-12-31',
    ]);
    expect(span(revenueWindow(filter({ to: '2024-05-20' }), TODAY))).toEqual([
      '2022-06-01',
      '2024-05-20',
    ]);
  });

  it('gives weekly figures 12 weeks up to today or to the end, or the range’s weeks', () => {
    const weeks = weekWindow(NO_REPORT_FILTER, TODAY);
    expect(weeks.starts.map(isoDateFromDay)).toHaveLength(12);
    expect([isoDateFromDay(weeks.starts[0]!), isoDateFromDay(weeks.starts[11]!)]).toEqual([
      '2025-12-22',
      '2026-03-09',
    ]);
    const ended = weekWindow(filter({ to: '2024-05-20' }), TODAY);
    expect(ended.starts).toHaveLength(12);
    expect(isoDateFromDay(ended.starts[11]!)).toBe('2024-05-20');
    const later = weekWindow(filter({ from: '2026-04-01' }), TODAY);
    expect(later.starts.map(isoDateFromDay)).toEqual(['2026-03-30']);
  });

  it('maps to the board’s filters and back (the board has no tag)', () => {
    const f = filter({
      from: '2026-01-01',
      to: '2026-02-01',
      ownerId: '',
      currency: 'EUR',
      tag: 'vip',
    });
    expect(toBoardFilters(f)).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
      ownerId: '',
      currency: 'EUR',
      participantId: null,
    });
    expect(fromBoardFilters(toBoardFilters(f))).toEqual({ ...f, tag: null });
  });

  it('gives a task a tag through its customer or its deal’s people', () => {
    const vip = customer({ tags: ['vip'] });
    const ctx = context({
      customers: [vip],
      participants: [{ deal_id: 'd1', customer_id: vip.customer_id, deleted: 0 }],
    });
    const task = { ownerId: 'm1', customer_id: null, deal_id: null };
    expect(
      taskInScope({ ...task, customer_id: vip.customer_id }, filter({ tag: 'vip' }), ctx),
    ).toBe(true);
    expect(taskInScope({ ...task, deal_id: 'd1' }, filter({ tag: 'vip' }), ctx)).toBe(true);
    expect(taskInScope(task, filter({ tag: 'vip' }), ctx)).toBe(false);
    expect(taskInScope(task, filter({ ownerId: 'm2' }), ctx)).toBe(false);
    expect(taskInScope({ ...task, ownerId: '' }, filter({ ownerId: '' }), ctx)).toBe(true);
  });
});
