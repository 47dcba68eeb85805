/**
 * Amounts in several currencies as one figure in the reporting currency, with the rates it
 * used; a figure missing a rate is null and says which (never a partial sum).
 */
import type { IsoDate } from '../records';
import type { DayNumber } from './calendar';
import { isoDateFromDay } from './calendar';
import type { RateBook, RateUsed } from './exchange-rates';
import { convertMinor, findRate } from './exchange-rates';

export type MoneyAmount = { currency: string; minor: number };

/**
 * Amounts in several currencies as one amount in `target`, each converted at the rate in
 * force on `day` and then summed (so the combined figure is exactly the sum of its converted
 * parts). When a currency has no rate, `minor` is null and `missing` names it: the figure is
 * then shown per currency and marked "no rate", never as a partial sum.
 */
export type CombinedMoney = {
  currency: string;
  minor: number | null;
  used: RateUsed[];
  missing: { currency: string; date: IsoDate }[];
};

export function combineAmounts(
  book: RateBook,
  amounts: readonly MoneyAmount[],
  target: string,
  day: DayNumber,
): CombinedMoney {
  const combined: CombinedMoney = { currency: target, minor: 0, used: [], missing: [] };
  let sum = 0;
  for (const amount of amounts) {
    // Nothing to convert needs no rate: an empty month is never "no rate".
    if (amount.minor === 0) continue;
    if (amount.currency === target) {
      sum += amount.minor;
      continue;
    }
    const rate = findRate(book, amount.currency, target, day);
    if (!rate) {
      combined.missing.push({ currency: amount.currency, date: isoDateFromDay(day) });
      continue;
    }
    combined.used.push(rate.used);
    sum += convertMinor(amount.minor, amount.currency, target, rate);
  }
  combined.minor = combined.missing.length > 0 ? null : sum;
  return combined;
}

/** The sum of several combined figures (e.g. months); null as soon as one part lacks a rate. */
export function sumCombined(target: string, parts: readonly CombinedMoney[]): CombinedMoney {
  const total: CombinedMoney = { currency: target, minor: 0, used: [], missing: [] };
  const seen = new Set<string>();
  for (const part of parts) {
    for (const missing of part.missing)
      if (!total.missing.some((m) => m.currency === missing.currency && m.date === missing.date))
        total.missing.push(missing);
    for (const used of part.used) {
      const key = `${used.setId}|${used.from}|${used.to}`;
      if (!seen.has(key)) total.used.push(used);
      seen.add(key);
    }
    if (total.minor !== null) total.minor = part.minor === null ? null : total.minor + part.minor;
  }
  return total;
}
