/**
 * Click-through: for every figure, the list behind a cell has as many rows as the cell says
 * (and, for money, adds up to it), whatever the data and the filter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorDigits } from '../../src/renderer/src/domain/deals/money';
import { outcomeOf } from '../../src/renderer/src/domain/deals/statuses';
import { dealWeighted } from '../../src/renderer/src/domain/deals/totals';
import type { PreparedReports } from '../../src/renderer/src/domain/reports/compute';
import { computeReports, prepareReports } from '../../src/renderer/src/domain/reports/compute';
import type { Drill } from '../../src/renderer/src/domain/reports/drill';
import {
  customersBehind,
  dealsBehind,
  tasksBehind,
} from '../../src/renderer/src/domain/reports/drill-resolve';
import type { ReportDeal } from '../../src/renderer/src/domain/reports/inputs';
import type { Cell, ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { datasetArb, deal, NOW, RATES, reportFilterArb } from './reports-fixtures';
import { PURE_PROPERTY_BUDGET_MS } from './budgets';

function rowsBehind(drill: Drill, prepared: PreparedReports): unknown[] {
  const { context } = prepared;
  if (drill.kind === 'deals') return dealsBehind(drill, prepared.timelines, context);
  if (drill.kind === 'customers')
    return customersBehind(drill, prepared.customers, prepared.touches, context);
  if (drill.kind === 'tasks') return tasksBehind(drill, prepared.tasks, context);
  return [drill.id];
}

// Columns whose number is a count of the rows behind it, per table (by id prefix).
const COUNT_COLUMNS: Record<string, string[]> = {
  'pipeline-stages-combined': ['Deals'],
  'pipeline-stages': ['Deals'],
  'pipeline-conversion': ['Entered', 'Reached it or later', 'Won later'],
  'pipeline-days': ['Deals', 'In stage now'],
  'pipeline-win-rate': ['Won', 'Lost'],
  'pipeline-stale': ['Stale deals'],
  'team-completed-per-week': ['*'],
  team: ['Open deals', 'Won this quarter', 'Open tasks', 'Overdue tasks', 'Tasks completed'],
  'audience-lifecycle': ['Customers'],
  'audience-tags': ['Customers'],
  'audience-new': ['*'],
  'audience-opt-in': ['Opted in'],
  'engagement-not-touched': ['Customers', 'Never touched'],
};

function countColumns(table: ReportTable): string[] | null {
  const key = Object.keys(COUNT_COLUMNS).find((prefix) => table.id.startsWith(prefix));
  return key === undefined ? null : COUNT_COLUMNS[key]!;
}

const minorOf = (cell: Cell, currency: string) =>
  Math.round(Number(cell.csv) * 10 ** minorDigits(currency));

type MoneyColumn = {
  currency: string | null;
  value: (deal: ReportDeal, prepared: PreparedReports) => number;
};

/** Money columns of deal tables other than revenue: what each adds up, in which currency. */
function moneyColumn(table: ReportTable, column: number): MoneyColumn | null {
  const name = table.columns[column]!;
  if (table.id === 'pipeline-stages') {
    // The currency is the row's second cell (null: read per row by the caller).
    if (name === 'Value') return { currency: null, value: (d) => d.amount_minor };
    if (name === 'Weighted value')
      return { currency: null, value: (d, p) => dealWeighted(d, p.context.stages.probability) };
  }
  const team = /^(Open|Won) value \(([A-Z]{3})\)$/.exec(name);
  if (table.id === 'team' && team) return { currency: team[2]!, value: (d) => d.amount_minor };
  return null;
}

/** What a revenue cell adds up: won deals at their amount, open deals weighted. */
function revenueValue(deal: ReportDeal, prepared: PreparedReports): number {
  return outcomeOf(deal.status) === 'lost'
    ? 0
    : dealWeighted(deal, prepared.context.stages.probability);
}

describe('the list behind each figure', { timeout: PURE_PROPERTY_BUDGET_MS }, () => {
  it('has as many rows as the figure counts, and adds up to its money', () => {
    fc.assert(
      fc.property(datasetArb, reportFilterArb, (data, filter) => {
        const prepared = prepareReports(data, {
          now: NOW,
          timeZone: 'Europe/London',
          rateSets: RATES,
          reportingCurrency: 'EUR',
        });
        const result = computeReports(prepared, filter);
        if (!result.ok) {
          expect(filter.from! > filter.to!).toBe(true);
          return;
        }
        let checked = 0;
        for (const table of result.reports.tables) {
          const counts = countColumns(table);
          const currency = /^revenue-([A-Z]{3})$/.exec(table.id)?.[1];
          table.rows.forEach((row) =>
            row.forEach((cell, column) => {
              if (!cell.drill || column === 0) return;
              const rows = rowsBehind(cell.drill, prepared);
              const label = `${table.id} / ${table.columns[column]} / ${row[0]!.text}`;
              if (counts && (counts.includes('*') || counts.includes(table.columns[column]!))) {
                expect(rows.length, label).toBe(Number(cell.csv));
                checked += 1;
              } else if (moneyColumn(table, column)) {
                const money = moneyColumn(table, column)!;
                const code = money.currency ?? row[1]!.text;
                const inCurrency = (rows as ReportDeal[]).filter((d) => d.currency === code);
                const sum = inCurrency.reduce((n, d) => n + money.value(d, prepared), 0);
                expect(sum, label).toBe(minorOf(cell, code));
                checked += 1;
              } else if (currency) {
                const sum = (rows as ReportDeal[]).reduce(
                  (n, d) => n + revenueValue(d, prepared),
                  0,
                );
                expect(sum, label).toBe(minorOf(cell, currency));
                checked += 1;
              } else if (table.id === 'engagement-touches') {
                expect(rows.length <= Number(cell.csv), label).toBe(true);
                expect(rows.length === 0, label).toBe(Number(cell.csv) === 0);
              }
            }),
          );
        }
        expect(checked).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
  });

  it('gives, after any filter change on prepared data, what a fresh computation gives', () => {
    const settings = {
      now: NOW,
      timeZone: 'America/New_York',
      rateSets: RATES,
      reportingCurrency: 'USD',
    };
    fc.assert(
      fc.property(datasetArb, reportFilterArb, reportFilterArb, (data, first, second) => {
        const prepared = prepareReports(data, settings);
        computeReports(prepared, first);
        expect(computeReports(prepared, second)).toEqual(
          computeReports(prepareReports(data, settings), second),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('keeps undated deals behind a stage without dates, and cuts a month at the filter’s start', () => {
    const deals = [
      deal({ status: 'inquiry', event_date: null }),
      deal({ status: 'inquiry', event_date: null, last_activity_at: '2026-02-01T10:00:00.000Z' }),
      deal({ status: 'contracted', event_date: '2026-03-05' }),
      deal({ status: 'contracted', event_date: '2026-03-20' }),
    ];
    const prepared = prepareReports(
      {
        deals,
        history: [],
        participants: [],
        customers: [],
        touchpoints: [],
        tasks: [],
        assignments: [],
        members: [],
      },
      { now: NOW, timeZone: null, rateSets: [], reportingCurrency: null },
    );
    const tables = (filter: ReportFilter) => {
      const result = computeReports(prepared, filter);
      if (!result.ok) throw new Error('refused');
      return result.reports.tables;
    };
    const cell = (list: ReportTable[], id: string, row: string, column: string) => {
      const table = list.find((t) => t.id === id)!;
      return table.rows.find((r) => r[0]!.text === row)![table.columns.indexOf(column)]!;
    };
    const none = tables(NO_REPORT_FILTER);
    // Only open deals idle longer than their stage allows are behind the stale count.
    const stale = cell(none, 'pipeline-stale', 'Inquiry', 'Stale deals');
    expect(stale.csv).toBe('1');
    expect(rowsBehind(stale.drill!, prepared)).toHaveLength(1);
    expect(
      rowsBehind(cell(none, 'pipeline-stages', 'Inquiry', 'Deals').drill!, prepared),
    ).toHaveLength(2);
    const cut = tables({ ...NO_REPORT_FILTER, from: '2026-03-10' });
    const march = cell(cut, 'revenue-EUR', 'Mar 2026', 'Contracted');
    expect(march.csv).toBe('1000.00');
    expect(rowsBehind(march.drill!, prepared).map((d) => (d as ReportDeal).event_date)).toEqual([
      '2026-03-20',
    ]);
  });

  it('names the deals of a double-booked date', () => {
    const deals = [
      { venue: 'Roundhouse', status: 'hold' as const, hold_level: 1 },
      { venue: 'roundhouse', status: 'confirmed' as const, hold_level: null },
      { venue: 'Roundhouse', status: 'released' as const, hold_level: null },
    ].map((d, i) => ({
      id: `d${i}`,
      title: `D${i}`,
      event_date: '2026-03-20',
      amount_minor: 0,
      currency: 'EUR',
      probability: null,
      owner_id: null,
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      last_activity_at: NOW.toISOString(),
      deleted: 0 as const,
      ...d,
    }));
    const prepared = prepareReports(
      {
        deals,
        history: [],
        participants: [],
        customers: [],
        touchpoints: [],
        tasks: [],
        assignments: [],
        members: [],
      },
      { now: NOW, timeZone: null, rateSets: [], reportingCurrency: null },
    );
    const result = computeReports(prepared, {
      from: null,
      to: null,
      ownerId: null,
      currency: null,
      tag: null,
    });
    if (!result.ok) throw new Error('filter refused');
    const conflicts = result.reports.tables.find((t) => t.id === 'pipeline-conflicts')!;
    const drill = conflicts.rows[0]![2]!.drill!;
    expect(rowsBehind(drill, prepared).map((d) => (d as ReportDeal).id)).toEqual(['d0', 'd1']);
  });
});
