/**
 * Money is integer minor units plus an ISO 4217 code; never a float. Formatting and parsing
 * use the currency's own number of fraction digits (JPY 0, EUR 2, KWD 3) from Intl.
 */

export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK'] as const;

export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: value });
    return true;
  } catch {
    return false;
  }
}

const digitsCache = new Map<string, number>();

/** Fraction digits of a currency's minor unit (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "$12,500.00", "¥300,000". `compact` drops the minor unit for headers and cards. */
export function formatMoney(
  minor: number,
  currency: string,
  options: { locale?: string; compact?: boolean } = {},
): string {
  const key = `${options.locale ?? ''}|${currency}|${options.compact ? 1 : 0}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(options.locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: options.compact ? 0 : minorDigits(currency),
      minimumFractionDigits: options.compact ? 0 : minorDigits(currency),
    });
    formatters.set(key, format);
  }
  return format.format(minor / 10 ** minorDigits(currency));
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * Reads what a person types ("12500", "12,500.50", "12 500") into minor units, exactly (no
 * float arithmetic on the fraction). Negative amounts are refused: a deal's value is >= 0.
 */
export function parseMoney(input: string, currency: string): MoneyParse {
  const text = input.replace(/[\s,_']/g, '').replace(/^[^\d.-]+/, '');
  if (text === '') return { ok: false, reason: 'Enter an amount' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, reason: `${input.trim()} is not an amount` };
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits)
    return {
      ok: false,
      reason:
        digits === 0
          ? `${currency} has no minor unit`
          : `${currency} has ${digits} decimal places at most`,
    };
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'That amount is too large' };
  return { ok: true, minor };
}

/** Minor units as a plain editable number string ("12500.50"), no grouping. */
export function minorToInput(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  return `${Math.floor(minor / scale)}.${String(minor % scale).padStart(digits, '0')}`;
}

/**
 * amount x probability% in minor units, rounded half up to a whole minor unit (amounts are
 * >= 0, so half up is half away from zero). Integer arithmetic: exact for any safe amount.
 * This is THE rounding rule: weighted totals are sums of these per-deal values, so a
 * column's weighted total always equals the sum of its cards.
 */
export function weightedMinor(amountMinor: number, probabilityPercent: number): number {
  const product = amountMinor * probabilityPercent;
  return Math.floor((product + 50) / 100);
}
