import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIsoDate } from '../../src/renderer/src/domain/reports/calendar';
import type { ExchangeRateSet } from '../../src/renderer/src/domain/reports/exchange-rates';
import { combineAmounts, sumCombined } from '../../src/renderer/src/domain/reports/combined-money';
import {
  convertMinor,
  createRateBook,
  findRate,
  parseRate,
  rateSetProblems,
} from '../../src/renderer/src/domain/reports/exchange-rates';

const day = (iso: string) => dayFromIsoDate(iso)!;

const SETS: ExchangeRateSet[] = [
  {
    id: 'a',
    date: '2026-01-01',
    base: 'EUR',
    rates: { USD: '1.0856', GBP: 0.85, JPY: '162.5', KWD: '0.334' },
  },
  { id: 'b', date: '2026-03-01', base: 'EUR', rates: { USD: '1.1' } },
  { id: 'c', date: '2026-02-01', base: 'USD', rates: { JPY: '151.37', EUR: '0.9' } },
];
const book = createRateBook(SETS);

function convert(amount: number, from: string, to: string, on: string): number | null {
  const rate = findRate(book, from, to, day(on));
  return rate ? convertMinor(amount, from, to, rate) : null;
}

describe('exchange rates', () => {
  it('convert with hand-computed results, each currency rounded to its own minor unit', () => {
    // €100.00 at 1.0856 = $108.56
    expect(convert(10_000, 'EUR', 'USD', '2026-01-15')).toBe(10_856);
    // $12.34 at 151.37 = ¥1,867.9058 -> ¥1,868 (JPY has no minor unit)
    expect(convert(1234, 'USD', 'JPY', '2026-02-15')).toBe(1868);
    // ¥1,000 at 1/162.5 EUR = €6.153846 -> 615 cents
    expect(convert(1000, 'JPY', 'EUR', '2026-01-15')).toBe(615);
    // €10.00 at 0.334 = 3.340 KWD (three minor digits)
    expect(convert(1000, 'EUR', 'KWD', '2026-01-15')).toBe(3340);
    // Cross rate through the base: £10.00 = 10 / 0.85 EUR x 1.0856 = $12.7717... -> 1277 cents
    expect(convert(1000, 'GBP', 'USD', '2026-01-15')).toBe(1277);
  });

  it('rounds exact halves away from zero, where floats would not', () => {
    const half = createRateBook([
      { id: 'h', date: '2026-01-01', base: 'EUR', rates: { USD: '1.005' } },
    ]);
    const rate = findRate(half, 'EUR', 'USD', day('2026-06-01'))!;
    expect(100 * 1.005).toBeLessThan(100.5); // the float trap
    expect(convertMinor(100, 'EUR', 'USD', rate)).toBe(101);
    expect(convertMinor(-100, 'EUR', 'USD', rate)).toBe(-101);
    expect(convertMinor(99, 'EUR', 'USD', rate)).toBe(99); // 99.495
  });

  it('use the latest set on or before the day that quotes both currencies', () => {
    expect(findRate(book, 'EUR', 'USD', day('2026-03-01'))!.used).toMatchObject({
      setId: 'b',
      rate: '1.1',
      date: '2026-03-01',
    });
    expect(findRate(book, 'EUR', 'USD', day('2026-02-28'))!.used.setId).toBe('c'); // USD base: 1 / 0.9
    expect(findRate(book, 'EUR', 'USD', day('2026-02-28'))!.used.rate).toBe('1.11111');
    // Set b has no GBP: the next older set that has it.
    expect(findRate(book, 'EUR', 'GBP', day('2026-06-01'))!.used.setId).toBe('a');
    expect(findRate(book, 'EUR', 'USD', day('2025-12-31'))).toBeNull();
    expect(findRate(book, 'EUR', 'CHF', day('2026-06-01'))).toBeNull();
  });

  it('pick the same set on every device when two share a date (larger id)', () => {
    const tie = createRateBook([
      { id: 'x1', date: '2026-01-01', base: 'EUR', rates: { USD: '1.2' } },
      { id: 'x2', date: '2026-01-01', base: 'EUR', rates: { USD: '1.3' } },
    ]);
    expect(findRate(tie, 'EUR', 'USD', day('2026-01-01'))!.used.setId).toBe('x2');
  });

  it('read rates as typed and refuse what is not a rate, in words', () => {
    expect(parseRate('1.0856')).toEqual({ digits: 10_856n, scale: 4 });
    expect(parseRate(1e-7)).toEqual({ digits: 1n, scale: 7 });
    expect(parseRate('2e3')).toEqual({ digits: 2000n, scale: 0 });
    for (const bad of ['0', '-1', 'abc', '', Number.NaN, Number.POSITIVE_INFINITY, 0])
      expect(parseRate(bad)).toBeNull();
    expect(
      rateSetProblems({
        id: 'z',
        date: '2026-02-30',
        base: 'EURO',
        rates: { USD: '-2', usd: '1', EUR: '2' },
      }),
    ).toEqual([
      '2026-02-30 is not a date (YYYY-MM-DD)',
      'EURO is not a currency code',
      'The rate for USD must be a number above 0 (it is -2)',
      'usd is not a currency code',
    ]);
    expect(
      rateSetProblems({ id: 'z', date: '2026-02-01', base: 'EUR', rates: { EUR: '2' } }),
    ).toEqual(['1 EUR is always worth 1 EUR']);
    const mixed = createRateBook([{ id: 'bad', date: 'soon', base: 'EUR', rates: {} }, SETS[0]!]);
    expect(mixed.sets).toHaveLength(1);
    expect(mixed.ignored[0]!.id).toBe('bad');
  });

  it('combine amounts as the sum of their converted parts, and say which rates', () => {
    const combined = combineAmounts(
      book,
      [
        { currency: 'EUR', minor: 5000 },
        { currency: 'USD', minor: 10_856 },
        { currency: 'JPY', minor: 1000 },
      ],
      'EUR',
      day('2026-01-15'),
    );
    // $108.56 / 1.0856 = €100.00; ¥1,000 = €6.15
    expect(combined.minor).toBe(5000 + 10_000 + 615);
    expect(combined.used.map((u) => `${u.from}>${u.to}@${u.setId}`)).toEqual([
      'USD>EUR@a',
      'JPY>EUR@a',
    ]);
  });

  it('mark a combined figure "no rate" rather than give a partial sum; zero needs no rate', () => {
    const missing = combineAmounts(
      book,
      [
        { currency: 'EUR', minor: 5000 },
        { currency: 'CHF', minor: 100 },
      ],
      'EUR',
      day('2026-01-15'),
    );
    expect(missing.minor).toBeNull();
    expect(missing.missing).toEqual([{ currency: 'CHF', date: '2026-01-15' }]);
    const empty = combineAmounts(book, [{ currency: 'CHF', minor: 0 }], 'EUR', day('2026-01-15'));
    expect(empty).toMatchObject({ minor: 0, missing: [] });
    const sum = sumCombined('EUR', [empty, missing, empty]);
    expect(sum.minor).toBeNull();
    expect(sum.missing).toHaveLength(1);
  });

  it('conversion is within half a minor unit of the exact value and grows with the amount', () => {
    const rate = findRate(book, 'GBP', 'USD', day('2026-01-15'))!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1000 }),
        (amount, more) => {
          const converted = convertMinor(amount, 'GBP', 'USD', rate);
          // exact = amount x 1.0856 / 0.85; compare in integers: |converted x 0.85 - amount x 1.0856| <= 0.5 x 0.85
          const error = BigInt(converted) * 850_000n - BigInt(amount) * 1_085_600n;
          expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(850_000n);
          expect(convertMinor(amount + more, 'GBP', 'USD', rate)).toBeGreaterThanOrEqual(converted);
        },
      ),
    );
  });
});
