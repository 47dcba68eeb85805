import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReports, prepareReports } from '../../src/renderer/src/domain/reports/compute';
import type { FigureMemo } from '../../src/renderer/src/domain/reports/figure-memo';
import {
  createFigureMemo,
  isNotingFilter,
} from '../../src/renderer/src/domain/reports/figure-memo';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import { NOW, RATES, datasetArb, reportFilterArb } from './reports-fixtures';

const SETTINGS = { now: NOW, timeZone: 'Europe/London', rateSets: RATES, reportingCurrency: 'EUR' };

const tablesOf = (result: ReturnType<typeof computeReports>): ReportTable[] => {
  if (!result.ok) throw new Error('refused');
  return result.reports.tables;
};

/** How many noting filters lie anywhere inside `value`. */
function notingFiltersIn(value: unknown, seen = new Set<unknown>()): number {
  if (typeof value !== 'object' || value === null || seen.has(value)) return 0;
  seen.add(value);
  if (isNotingFilter(value)) return 1;
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  return children.reduce<number>((sum, child) => sum + notingFiltersIn(child, seen), 0);
}

/** A memo that lists the names of the figures it computes. */
function listingMemo(): FigureMemo & { names: string[] } {
  const memo = createFigureMemo();
  const names: string[] = [];
  return {
    names,
    figure: (name, inputs, filter, run) =>
      memo.figure(name, inputs, filter, (f) => {
        names.push(name);
        return run(f);
      }),
    get computed() {
      return memo.computed;
    },
  };
}

describe('figures kept by their inputs (a filter change computes only what it changes)', () => {
  it('a currency filter keeps every customer and task table the same object, and renews the deal tables', () => {
    const data = fc.sample(datasetArb, { numRuns: 1, seed: 7 })[0]!;
    const prepared = prepareReports(data, SETTINGS);
    const memo = createFigureMemo();
    const before = tablesOf(computeReports(prepared, NO_REPORT_FILTER, undefined, memo));
    const computedFirst = memo.computed;
    const after = tablesOf(
      computeReports(prepared, { ...NO_REPORT_FILTER, currency: 'USD' }, undefined, memo),
    );
    const byId = new Map(before.map((t) => [t.id, t]));
    const kept = after.filter((t) => byId.get(t.id) === t).map((t) => t.id);
    // Customers and tasks have no currency: their figures and tables are the very same.
    for (const id of ['engagement-touches', 'engagement-not-touched', 'audience-lifecycle'])
      expect(kept, id).toContain(id);
    // Revenue reads the currency: computed again.
    expect(kept.some((id) => id.startsWith('revenue-'))).toBe(false);
    expect(memo.computed - computedFirst).toBeLessThan(computedFirst);
    // The same filter again: nothing computed.
    const again = memo.computed;
    computeReports(prepared, { ...NO_REPORT_FILTER, currency: 'USD' }, undefined, memo);
    expect(memo.computed).toBe(again);
  });

  // 180 s: PURE_PROPERTY_BUDGET_MS (budgets.ts), a slow machine is not a failure.
  it('property: after any filter changes, the kept figures equal a fresh computation and can be sent', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.array(reportFilterArb, { minLength: 2, maxLength: 4 }),
        (data, filters) => {
          const prepared = prepareReports(data, SETTINGS);
          const memo = createFigureMemo();
          for (const filter of filters) {
            const kept = computeReports(prepared, filter, undefined, memo);
            const fresh = computeReports(prepared, filter);
            expect(kept).toEqual(fresh);
            // The worker sends them by structured clone, and no noting filter is left inside
            // (it would note reads after the figure ran).
            if (kept.ok) {
              expect(() => structuredClone(kept.reports.tables)).not.toThrow();
              expect(notingFiltersIn(kept.reports)).toBe(0);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);

  it('prepared again (rows or settings changed): every figure computed again', () => {
    const data = fc.sample(datasetArb, { numRuns: 1, seed: 11 })[0]!;
    const memo = createFigureMemo();
    const first = tablesOf(
      computeReports(prepareReports(data, SETTINGS), NO_REPORT_FILTER, undefined, memo),
    );
    const second = tablesOf(
      computeReports(prepareReports(data, SETTINGS), NO_REPORT_FILTER, undefined, memo),
    );
    const same = second.filter((t, i) => first[i] === t);
    expect(same).toEqual([]);
    expect(second).toEqual(first);
  });

  it('a currency change computes the deal part of the team again, not its task part', () => {
    const data = fc.sample(datasetArb, { numRuns: 1, seed: 7 })[0]!;
    const prepared = prepareReports(data, SETTINGS);
    const memo = listingMemo();
    computeReports(prepared, NO_REPORT_FILTER, undefined, memo);
    expect(memo.names).toContain('team-tasks');
    memo.names.length = 0;
    const usd = { ...NO_REPORT_FILTER, currency: 'USD' };
    const kept = computeReports(prepared, usd, undefined, memo);
    expect(memo.names).toContain('team-deals');
    expect(memo.names).toContain('team');
    expect(memo.names).not.toContain('team-tasks');
    // And the team joined from a kept task part is the one computed whole.
    expect(kept).toEqual(computeReports(prepared, usd));
    // An owner filter reaches both parts.
    memo.names.length = 0;
    computeReports(prepared, { ...usd, ownerId: 'nobody' }, undefined, memo);
    expect(memo.names).toEqual(expect.arrayContaining(['team-deals', 'team-tasks']));
  });

  it('a figure that spreads or serializes the filter depends on every field; one it reads on none other', () => {
    const memo = createFigureMemo();
    const inputs: unknown[] = [];
    const spread = (filter: typeof NO_REPORT_FILTER) =>
      memo.figure('spread', inputs, filter, (f) => JSON.stringify({ ...f }));
    const owner = (filter: typeof NO_REPORT_FILTER) =>
      memo.figure('owner', inputs, filter, (f) => [f.ownerId, f.ownerId]);
    spread(NO_REPORT_FILTER);
    const ownerFirst = owner(NO_REPORT_FILTER);
    const tagged = { ...NO_REPORT_FILTER, tag: 'vip' };
    expect(spread(tagged)).toContain('"tag":"vip"');
    expect(owner(tagged)).toBe(ownerFirst);
    expect(owner({ ...tagged, ownerId: 'm1' })).toEqual(['m1', 'm1']);
    expect(memo.computed).toBe(4);
  });
});
