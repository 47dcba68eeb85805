/**
 * Dated exchange rates, as the user keeps them in Settings, and exact conversion of minor
 * units between currencies. A rate set says "on DATE, 1 BASE = r units of each currency";
 * a conversion uses the latest set dated on or before the day asked that quotes both
 * currencies. Arithmetic is on exact decimals (BigInt), so 100.5 cents rounds to 101 even
 * where a float would give 100.4999; rounding is half away from zero to the target's minor
 * unit (JPY 0 digits, EUR 2, KWD 3). Every conversion says which rate it used.
 */
import { isCurrencyCode, minorDigits } from '../deals/money';
import type { IsoDate } from '../records';
import type { DayNumber } from './calendar';
import { dayFromIsoDate } from './calendar';

/** A rate as typed ("1.0856") or stored as a number. */
export type RateValue = number | string;

export type ExchangeRateSet = {
  id: string;
  /** The day the rates are in force from (YYYY-MM-DD). */
  date: IsoDate;
  /** ISO 4217 code; 1 unit of it is worth `rates[code]` units of each other currency. */
  base: string;
  rates: Readonly<Record<string, RateValue>>;
};

/** The rate a converted figure used: shown beside it ("1 GBP = 1.1712 EUR, rates of 2026-03-31"). */
export type RateUsed = {
  from: string;
  to: string;
  /** Units of `to` for one unit of `from`, to 6 significant digits (display only). */
  rate: string;
  setId: string;
  date: IsoDate;
};

type Decimal = { digits: bigint; scale: number };

const DECIMAL = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** An exact positive decimal, or null ("0", "-1", "abc", NaN and Infinity are not rates). */
export function parseRate(value: RateValue): Decimal | null {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/[\s_]/g, '');
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  let digits = BigInt(`${match[1]}${fraction}`);
  let scale = fraction.length - Number(match[3] ?? 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return digits > 0n ? { digits, scale } : null;
}

/** What is wrong with a rate set, in words; empty when it can be used. */
export function rateSetProblems(set: ExchangeRateSet): string[] {
  const problems: string[] = [];
  if (dayFromIsoDate(set.date) === null)
    problems.push(`${set.date || 'The date'} is not a date (YYYY-MM-DD)`);
  if (!isCurrencyCode(set.base)) problems.push(`${set.base || 'The base'} is not a currency code`);
  for (const [code, value] of Object.entries(set.rates)) {
    if (!isCurrencyCode(code)) problems.push(`${code} is not a currency code`);
    const rate = parseRate(value);
    if (!rate)
      problems.push(`The rate for ${code} must be a number above 0 (it is ${String(value)})`);
    else if (code === set.base && rate.digits !== 10n ** BigInt(rate.scale))
      problems.push(`1 ${code} is always worth 1 ${code}`);
  }
  return problems;
}

type PreparedSet = { id: string; day: DayNumber; date: IsoDate; quotes: Map<string, Decimal> };

/** Rate sets ready for look-ups: valid ones only, newest first. */
export type RateBook = { sets: PreparedSet[]; ignored: { id: string; problems: string[] }[] };

export function createRateBook(sets: readonly ExchangeRateSet[]): RateBook {
  const book: RateBook = { sets: [], ignored: [] };
  for (const set of sets) {
    const problems = rateSetProblems(set);
    if (problems.length > 0) {
      book.ignored.push({ id: set.id, problems });
      continue;
    }
    const quotes = new Map<string, Decimal>([[set.base, { digits: 1n, scale: 0 }]]);
    for (const [code, value] of Object.entries(set.rates)) quotes.set(code, parseRate(value)!);
    book.sets.push({ id: set.id, day: dayFromIsoDate(set.date)!, date: set.date, quotes });
  }
  // Newest first; on the same day the larger id wins, so every device picks the same set.
  book.sets.sort((a, b) => b.day - a.day || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return book;
}

/** A rate as the exact fraction numerator / denominator (units of `to` per unit of `from`). */
export type FoundRate = { numerator: bigint; denominator: bigint; used: RateUsed };

function describe(numerator: bigint, denominator: bigint): string {
  return Number((Number(numerator) / Number(denominator)).toPrecision(6)).toString();
}

/** The rate in force on `day` between two currencies: the latest set on or before it quoting both. */
export function findRate(
  book: RateBook,
  from: string,
  to: string,
  day: DayNumber,
): FoundRate | null {
  for (const set of book.sets) {
    if (set.day > day) continue;
    const a = set.quotes.get(from);
    const b = set.quotes.get(to);
    if (!a || !b) continue;
    // to per from = (b units of `to` per base) / (a units of `from` per base)
    const numerator = b.digits * 10n ** BigInt(a.scale);
    const denominator = a.digits * 10n ** BigInt(b.scale);
    return {
      numerator,
      denominator,
      used: { from, to, rate: describe(numerator, denominator), setId: set.id, date: set.date },
    };
  }
  return null;
}

/** Integer division rounded half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -quotient : quotient;
}

/** `amountMinor` of `from` in minor units of `to`, exact, rounded once to `to`'s minor unit. */
export function convertMinor(
  amountMinor: number,
  from: string,
  to: string,
  rate: FoundRate,
): number {
  const shift = minorDigits(to) - minorDigits(from);
  let numerator = BigInt(amountMinor) * rate.numerator;
  let denominator = rate.denominator;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(divideRounded(numerator, denominator));
}
