import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesDealFilters } from '../../src/renderer/src/domain/deals/board-filter';
import { outcomeOf } from '../../src/renderer/src/domain/deals/statuses';
import { revenueSummary, totalsByCurrency } from '../../src/renderer/src/domain/deals/totals';
import { dayFromIsoDate } from '../../src/renderer/src/domain/reports/calendar';
import { convertMinor, findRate } from '../../src/renderer/src/domain/reports/exchange-rates';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import {
  fromBoardFilters,
  NO_REPORT_FILTER,
  toBoardFilters,
} from '../../src/renderer/src/domain/reports/filter';
import type { RevenueReport } from '../../src/renderer/src/domain/reports/revenue';
import { REVENUE_STATUSES, revenueByMonth } from '../../src/renderer/src/domain/reports/revenue';
import {
  context,
  customer,
  CURRENCIES,
  deal,
  dealsArb,
  isoDayArb,
  OWNERS,
  RATES,
} from './reports-fixtures';

const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});
const monthOf = (report: RevenueReport, month: string) =>
  report.months.find((m) => m.month === month)!;
const cellOf = (report: RevenueReport, month: string, currency: string) =>
  monthOf(report, month).byCurrency.find((c) => c.currency === currency)!.cell;

describe('revenue by month of the event date', () => {
  const deals = [
    deal({ status: 'contracted', event_date: '2026-03-20', amount_minor: 100_000, owner_id: 'm1' }),
    deal({ status: 'settled', event_date: '2025-04-01', amount_minor: 50_000 }),
    deal({ status: 'confirmed', event_date: '2026-05-10', amount_minor: 200_000 }),
    // 333.33 x 33% = 109.9989 -> 110.00
    deal({ status: 'offer', event_date: '2026-05-11', amount_minor: 33_333, probability: 33 }),
    deal({ status: 'played', event_date: '2026-03-01', amount_minor: 125_000, currency: 'USD' }),
    deal({
      status: 'hold',
      event_date: '2027-04-01',
      amount_minor: 10_000,
      currency: 'USD',
      hold_level: 1,
    }),
    deal({ status: 'declined', event_date: '2026-03-05', amount_minor: 999_999 }),
    deal({ status: 'inquiry', event_date: null, amount_minor: 10_000 }),
    deal({ status: 'contracted', event_date: '2025-03-31', amount_minor: 7000 }),
    deal({ status: 'contracted', event_date: '2026-03-02', amount_minor: 10_000, currency: 'GBP' }),
    deal({ status: 'settled', event_date: '2026-03-03', amount_minor: 1, deleted: 1 }),
  ];
  const report = revenueByMonth(deals, NO_REPORT_FILTER, context());

  it('covers the current month and the 11 before it, and the 12 after it', () => {
    expect(report.window).toEqual({ first: '2025-04-01', last: '2027-03-31' });
    expect(report.months).toHaveLength(24);
    expect([report.months[0]!.month, report.months[23]!.month]).toEqual(['2025-04', '2027-03']);
    expect(report.currencies).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('counts won deals at their amount and open deals weighted, stacked by status', () => {
    expect(cellOf(report, '2026-03', 'EUR')).toMatchObject({ won: 100_000, forecast: 0 });
    expect(cellOf(report, '2026-03', 'EUR').stack.contracted).toBe(100_000);
    expect(cellOf(report, '2026-03', 'USD').stack.played).toBe(125_000);
    const may = cellOf(report, '2026-05', 'EUR');
    expect(may.stack.confirmed).toBe(160_000); // 80% default
    expect(may.stack.offer).toBe(11_000); // the deal's own 33%
    expect(may.forecast).toBe(171_000);
    expect(may.counts).toMatchObject({ confirmed: 1, offer: 1, contracted: 0 });
    expect(cellOf(report, '2025-04', 'EUR').stack.settled).toBe(50_000);
  });

  it('keeps lost and deleted deals out and shows what falls outside the window', () => {
    const eur = report.totals.find((t) => t.currency === 'EUR')!.cell;
    expect(eur.won).toBe(150_000);
    expect(eur.forecast).toBe(171_000);
    const outside = (currency: string) => report.outside.find((o) => o.currency === currency)!;
    expect(outside('EUR').before.won).toBe(7000);
    expect(outside('EUR').undated.forecast).toBe(1000);
    expect(outside('USD').after.stack.hold).toBe(2500);
  });

  it('combines each month at the rates in force on its last day, naming them', () => {
    const march = monthOf(report, '2026-03').combined!;
    // 2026-01-01 rates: 1 EUR = 1.25 USD = 0.50 GBP. $1,250 = €1,000; £100 = €200.
    expect(march.won.minor).toBe(100_000 + 100_000 + 20_000);
    expect(march.stack.contracted.minor).toBe(120_000);
    expect(march.stack.played.minor).toBe(100_000);
    expect(march.won.used.map((u) => `${u.from}@${u.date}`).sort()).toEqual([
      'GBP@2026-01-01',
      'USD@2026-01-01',
    ]);
    // April 2025 has only euros: nothing converted, nothing to name.
    expect(monthOf(report, '2025-04').combined!.won).toMatchObject({ minor: 50_000, used: [] });
    expect(report.combinedTotal!.won.minor).toBe(50_000 + 220_000);
  });

  it('uses the rates in force on the month’s last day, even when they change mid-month', () => {
    const sets = [
      ...RATES,
      { id: 'r3', date: '2026-03-20', base: 'EUR', rates: { USD: '2.5', GBP: '0.5' } },
    ];
    const midMonth = revenueByMonth(deals, NO_REPORT_FILTER, context({}, { rateSets: sets }));
    expect(monthOf(midMonth, '2026-03').rateDate).toBe('2026-03-31');
    // $1,250 at 2.5 = €500; £100 at 0.5 = €200.
    expect(monthOf(midMonth, '2026-03').combined!.won.minor).toBe(100_000 + 50_000 + 20_000);
    expect(monthOf(midMonth, '2026-02').combined!.won.used).toEqual([]);
  });

  it('marks a month and the total "no rate" when a currency has none, and keeps the rest', () => {
    const withFranc = [
      ...deals,
      deal({ status: 'contracted', event_date: '2026-03-25', currency: 'CHF', amount_minor: 500 }),
    ];
    const francs = revenueByMonth(withFranc, NO_REPORT_FILTER, context());
    expect(monthOf(francs, '2026-03').combined!.won).toMatchObject({
      minor: null,
      missing: [{ currency: 'CHF', date: '2026-03-31' }],
    });
    expect(monthOf(francs, '2026-05').combined!.forecast.minor).toBe(171_000);
    expect(francs.combinedTotal!.won.minor).toBeNull();
    expect(cellOf(francs, '2026-03', 'CHF').won).toBe(500);
  });

  it('has no combined figures without a reporting currency', () => {
    const plain = revenueByMonth(deals, NO_REPORT_FILTER, context({}, { reportingCurrency: null }));
    expect(plain.combinedTotal).toBeNull();
    expect(plain.months.every((m) => m.combined === null)).toBe(true);
  });

  it('applies the filter: dates cut the window to whole months but count deals by their day', () => {
    const cut = revenueByMonth(deals, filter({ from: '2026-03-02', to: '2026-05-10' }), context());
    expect(cut.months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(cut.currencies).toEqual(['EUR', 'GBP']); // the USD show played on 03-01
    expect(cellOf(cut, '2026-03', 'GBP').won).toBe(10_000);
    expect(cellOf(cut, '2026-05', 'EUR').forecast).toBe(160_000); // the offer on 05-11 is out
    expect(
      cut.outside.every((o) => o.before.won + o.after.forecast + o.undated.forecast === 0),
    ).toBe(true);
    // A start alone also drops the deals without an event date (the board's rule).
    const started = revenueByMonth(deals, filter({ from: '2026-01-01' }), context());
    expect(started.outside.find((o) => o.currency === 'EUR')!.undated.forecast).toBe(0);
    expect(revenueByMonth(deals, filter({ currency: 'USD' }), context()).currencies).toEqual([
      'USD',
    ]);
    const mine = revenueByMonth(deals, filter({ ownerId: 'm1' }), context());
    expect(mine.totals).toHaveLength(1);
    expect(mine.totals[0]!.cell.won).toBe(100_000);
  });

  it('applies a tag through the deal’s participants', () => {
    const vip = customer({ tags: ['vip'] });
    const tagged = deals[0]!;
    const ctx = context({
      customers: [vip],
      participants: [{ deal_id: tagged.id, customer_id: vip.customer_id, deleted: 0 }],
    });
    const report = revenueByMonth(deals, filter({ tag: 'vip' }), ctx);
    expect(report.totals.map((t) => [t.currency, t.cell.won])).toEqual([['EUR', 100_000]]);
    expect(revenueByMonth(deals, filter({ tag: 'VIP' }), ctx).totals).toEqual([]);
    const unlinked = context({
      customers: [vip],
      participants: [{ deal_id: tagged.id, customer_id: vip.customer_id, deleted: 1 }],
    });
    expect(revenueByMonth(deals, filter({ tag: 'vip' }), unlinked).totals).toEqual([]);
  });
});

const boardFilterArb = fc.record({
  ownerId: fc.constantFrom<string | null>(null, ...OWNERS),
  currency: fc.constantFrom<string | null>(null, ...CURRENCIES),
  from: fc.option(isoDayArb, { nil: null }),
  to: fc.option(isoDayArb, { nil: null }),
  tag: fc.constant<string | null>(null),
});
const probabilityArb = fc.record(
  { confirmed: fc.integer({ min: 0, max: 100 }), hold: fc.integer({ min: 0, max: 100 }) },
  { requiredKeys: [] },
);

describe('revenue sums agree', () => {
  it('stacked statuses sum to each month’s and each currency’s total', () => {
    fc.assert(
      fc.property(dealsArb, boardFilterArb, (deals, f) => {
        const report = revenueByMonth(deals, f, context());
        for (const total of report.totals) {
          const months = report.months.map(
            (m) => m.byCurrency.find((c) => c.currency === total.currency)!.cell,
          );
          expect(months.reduce((n, c) => n + c.won, 0)).toBe(total.cell.won);
          expect(months.reduce((n, c) => n + c.forecast, 0)).toBe(total.cell.forecast);
          for (const cell of [...months, total.cell]) {
            const layers = (outcome: string) =>
              REVENUE_STATUSES.filter((s) => outcomeOf(s) === outcome).reduce(
                (n, s) => n + cell.stack[s],
                0,
              );
            expect(layers('won')).toBe(cell.won);
            expect(layers('open')).toBe(cell.forecast);
          }
        }
      }),
    );
  });

  it('equal the board’s revenue strip for the same filters (window plus what is outside it)', () => {
    fc.assert(
      fc.property(dealsArb, boardFilterArb, probabilityArb, (deals, f, probability) => {
        const ctx = context({}, { stages: { probability, staleAfter: {} } });
        const report = revenueByMonth(deals, f, ctx);
        // The board's own filters give the same report (what its strip will call).
        expect(revenueByMonth(deals, fromBoardFilters(toBoardFilters(f)), ctx)).toEqual(report);
        const board = deals.filter(
          (d) => d.deleted === 0 && matchesDealFilters(d, toBoardFilters(f), new Map()),
        );
        const strip = revenueSummary(
          board.map((d) => ({ ...d, expected_close: null })),
          probability,
        );
        const won = Object.fromEntries(strip.won.map((t) => [t.currency, t.amount]));
        const forecast = Object.fromEntries(strip.forecast.map((t) => [t.currency, t.weighted]));
        for (const total of report.totals) {
          const out = report.outside.find((o) => o.currency === total.currency)!;
          const parts = [total.cell, out.before, out.after, out.undated];
          expect(parts.reduce((n, c) => n + c.won, 0)).toBe(won[total.currency] ?? 0);
          expect(parts.reduce((n, c) => n + c.forecast, 0)).toBe(forecast[total.currency] ?? 0);
        }
        expect(report.currencies).toEqual(
          totalsByCurrency(board.filter((d) => outcomeOf(d.status) !== 'lost')).map(
            (t) => t.currency,
          ),
        );
      }),
    );
  });

  it('combined totals equal the sum of the converted per-currency amounts', () => {
    fc.assert(
      fc.property(dealsArb, boardFilterArb, (deals, f) => {
        const ctx = context();
        const report = revenueByMonth(deals, f, ctx);
        let expected: number | null = 0;
        for (const month of report.months) {
          let monthWon: number | null = 0;
          for (const { currency, cell } of month.byCurrency)
            for (const status of REVENUE_STATUSES.filter((s) => outcomeOf(s) === 'won')) {
              const amount = cell.stack[status];
              if (amount === 0 || currency === 'EUR') {
                if (monthWon !== null) monthWon += amount;
                continue;
              }
              const rate = findRate(ctx.rates, currency, 'EUR', dayFromIsoDate(month.rateDate)!);
              monthWon =
                rate === null || monthWon === null
                  ? null
                  : monthWon + convertMinor(amount, currency, 'EUR', rate);
            }
          expect(month.combined!.won.minor).toBe(monthWon);
          const layers = REVENUE_STATUSES.filter((s) => outcomeOf(s) === 'won').map(
            (s) => month.combined!.stack[s].minor,
          );
          if (monthWon !== null) expect(layers.reduce<number>((n, v) => n + v!, 0)).toBe(monthWon);
          expected = expected === null || monthWon === null ? null : expected + monthWon;
        }
        expect(report.combinedTotal!.won.minor).toBe(expected);
      }),
    );
  });
});
