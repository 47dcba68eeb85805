import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealBoardFilters } from '../../src/renderer/src/domain/deals/board-filter';
import { matchesDealFilters } from '../../src/renderer/src/domain/deals/board-filter';
import { outcomeOf } from '../../src/renderer/src/domain/deals/statuses';
import { totalsByCurrency } from '../../src/renderer/src/domain/deals/totals';
import type { BoardRevenueSettings } from '../../src/renderer/src/domain/reports/board-revenue';
import { boardRevenue } from '../../src/renderer/src/domain/reports/board-revenue';
import { computeReports, prepareReports } from '../../src/renderer/src/domain/reports/compute';
import { fromBoardFilters } from '../../src/renderer/src/domain/reports/filter';
import { CURRENCIES, datasetArb, deal, isoDayArb, NOW, OWNERS, RATES } from './reports-fixtures';
import { PURE_PROPERTY_BUDGET_MS } from './budgets';

const settings = (fields: Partial<BoardRevenueSettings> = {}): BoardRevenueSettings => ({
  now: NOW,
  timeZone: 'Europe/London',
  rateSets: RATES,
  reportingCurrency: 'EUR',
  stages: { probability: { confirmed: 70, hold: 15 }, staleAfter: {} },
  locale: 'en-US',
  ...fields,
});

const NO_FILTERS: DealBoardFilters = {
  ownerId: null,
  from: null,
  to: null,
  participantId: null,
  currency: null,
};

const boardFiltersArb = fc
  .record({
    ownerId: fc.constantFrom<string | null>(null, ...OWNERS),
    currency: fc.constantFrom<string | null>(null, ...CURRENCIES),
    from: fc.option(isoDayArb, { nil: null }),
    to: fc.option(isoDayArb, { nil: null }),
  })
  // The board keeps a range the right way round (its date inputs refuse the other).
  .filter((f) => f.from === null || f.to === null || f.from <= f.to)
  .map((f): DealBoardFilters => ({ ...f, participantId: null }));

describe('the deal board’s revenue strip', { timeout: PURE_PROPERTY_BUDGET_MS }, () => {
  it('shows the dashboard’s totals and revenue table for the same filters', () => {
    fc.assert(
      fc.property(
        datasetArb,
        boardFiltersArb,
        fc.constantFrom<string | null>(null, 'EUR', 'USD'),
        (data, filters, reportingCurrency) => {
          const options = settings({ reportingCurrency });
          const prepared = prepareReports(data, options);
          const result = computeReports(prepared, fromBoardFilters(filters));
          if (!result.ok) throw new Error('a valid filter was refused');
          const dashboard = result.reports;
          // What the board shows: its live deals that pass its own filters.
          const onBoard = data.deals.filter(
            (d) => d.deleted === 0 && matchesDealFilters(d, filters, new Map()),
          );
          const strip = boardRevenue(onBoard, filters, options);

          // Per currency: every deal on the board = the dashboard's window plus outside it.
          const expected = dashboard.revenue.currencies.map((currency) => {
            const window = dashboard.revenue.totals.find((t) => t.currency === currency)!.cell;
            const out = dashboard.revenue.outside.find((o) => o.currency === currency)!;
            const parts = [window, out.before, out.after, out.undated];
            return {
              currency,
              won: parts.reduce((n, c) => n + c.won, 0),
              forecast: parts.reduce((n, c) => n + c.forecast, 0),
            };
          });
          expect(
            strip.totals.map(({ currency, won, forecast }) => ({ currency, won, forecast })),
          ).toEqual(expected);
          // …and the board's own column totals (what a card count on the board adds up to).
          const columns = totalsByCurrency(
            onBoard.filter((d) => outcomeOf(d.status) === 'won'),
          ).map((t) => ({ currency: t.currency, won: t.amount }));
          expect(
            strip.totals
              .filter((t) => t.wonCount > 0)
              .map((t) => ({ currency: t.currency, won: t.won })),
          ).toEqual(columns);

          // The chart draws one of the dashboard's revenue tables, cell for cell.
          if (strip.chart) {
            const same = dashboard.tables.find((t) => t.id === strip.chart!.id);
            expect(same).toEqual(strip.chart);
          } else expect(dashboard.revenue.currencies).toEqual([]);

          // Nothing is said twice under the chart.
          expect(new Set(strip.notes).size).toBe(strip.notes.length);

          // The combined figure is the dashboard's combined total, rates and all.
          if (reportingCurrency === null || filters.currency !== null) {
            if (reportingCurrency === null) expect(strip.combined).toBeNull();
          } else {
            expect(strip.combined?.won).toEqual(dashboard.revenue.combinedTotal?.won);
            expect(strip.combined?.forecast).toEqual(dashboard.revenue.combinedTotal?.forecast);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('charts the filter’s currency, else the combined table, else the largest and names the rest', () => {
    const deals = [
      deal({
        id: 'a',
        currency: 'EUR',
        status: 'contracted',
        amount_minor: 100_00,
        event_date: '2026-03-20',
      }),
      deal({
        id: 'b',
        currency: 'USD',
        status: 'played',
        amount_minor: 500_00,
        event_date: '2026-03-01',
      }),
      deal({
        id: 'c',
        currency: 'GBP',
        status: 'confirmed',
        amount_minor: 100_00,
        event_date: null,
      }),
    ];
    // A currency chosen: the chart and its title are that currency's, not the combined one's.
    const dollars = boardRevenue(deals, { ...NO_FILTERS, currency: 'USD' }, settings());
    expect(dollars.chart?.id).toBe('revenue-USD');
    expect(dollars.chartCurrency).toBe('USD');
    const combined = boardRevenue(deals, NO_FILTERS, settings());
    expect(combined.chart?.id).toBe('revenue-combined-EUR');
    expect(combined.chartCurrency).toBe('all currencies in EUR');
    expect(combined.notCharted).toEqual([]);
    // 1 USD = 0.8 EUR on 2026-03-31 (rates of 2026-01-01): €100 + €400.
    expect(combined.combined?.won.minor).toBe(500_00);
    expect(combined.combined?.rates).toBe('1 USD = 0.8 EUR (rates of Jan 1, 2026)');

    const alone = boardRevenue(deals, NO_FILTERS, settings({ reportingCurrency: null }));
    expect(alone.chart?.id).toBe('revenue-USD');
    expect(alone.chartCurrency).toBe('USD');
    expect(alone.combined).toBeNull();
    expect(alone.notCharted.map((t) => t.currency)).toEqual(['EUR', 'GBP']);
    // The undated GBP offer is in the totals (the board shows it), said outside the chart.
    const gbp = alone.totals.find((t) => t.currency === 'GBP')!;
    expect(gbp).toMatchObject({ won: 0, forecast: 70_00, forecastCount: 1 });
  });

  it('says each missing rate once, one line per currency, and names it in the table’s “Rates used”', () => {
    // CHF has no rate to EUR in any set: March and April need one; USD converts.
    const deals = [
      deal({ id: 'a', currency: 'CHF', status: 'contracted', event_date: '2026-03-20' }),
      deal({ id: 'b', currency: 'CHF', status: 'hold', event_date: '2026-03-22' }),
      deal({ id: 'c', currency: 'CHF', status: 'offer', event_date: '2026-04-02' }),
      deal({ id: 'd', currency: 'USD', status: 'played', event_date: '2026-03-01' }),
    ];
    const strip = boardRevenue(deals, NO_FILTERS, settings());
    expect(strip.chart?.id).toBe('revenue-combined-EUR');
    expect(strip.notes).toEqual([
      'Rates used: 1 USD = 0.8 EUR (rates of Jan 1, 2026)',
      'No CHF → EUR rate on or before Mar 31, 2026 or Apr 30, 2026: shown per currency only',
    ]);
    const rates = strip.chart!.columns.indexOf('Rates used');
    const march = strip.chart!.rows.find((row) => row[0]!.text === 'Mar 2026')!;
    expect(march[rates]).toMatchObject({
      text: '1 USD = 0.8 EUR (rates of Jan 1, 2026); no CHF → EUR rate',
      csv: '1 USD = 0.8 EUR (rates of 2026-01-01); no CHF → EUR rate',
    });
    const may = strip.chart!.rows.find((row) => row[0]!.text === 'May 2026')!;
    expect(may[rates]!.text).toBe('no conversion needed');
  });
});
