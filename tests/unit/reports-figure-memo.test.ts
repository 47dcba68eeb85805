import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReports, prepareReports } from '../../src/renderer/src/domain/reports/compute';
import { createFigureMemo } from '../../src/renderer/src/domain/reports/figure-memo';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import { NOW, RATES, datasetArb, reportFilterArb } from './reports-fixtures';

const SETTINGS = { now: NOW, timeZone: 'Europe/London', rateSets: RATES, reportingCurrency: 'EUR' };

const tablesOf = (result: ReturnType<typeof computeReports>): ReportTable[] => {
  if (!result.ok) throw new Error('refused');
  return result.reports.tables;
};

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
            // The worker sends them by structured clone: no recording filter left inside.
            if (kept.ok) expect(() => structuredClone(kept.reports.tables)).not.toThrow();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

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
});
