import { formatMoney, parseMoney } from './deals/money';
import type { TouchpointKind } from './records';

/** What a touchpoint kind is called on screen: the customer's Engagement tab and the reports. */
export const TOUCHPOINT_LABELS: Record<TouchpointKind, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  'show-attended': 'Attended a show',
  'ticket-purchase': 'Bought tickets',
  message: 'Message',
  note: 'Note',
};

export type TouchpointValueParse = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * The spend a person types on a touchpoint ("85", "1,200", "1 200.50"), in minor units of
 * `currency` as deals keep money (cents; yen for JPY); empty is no spend. Read by the deals'
 * money rule, so "1,200" is twelve hundred (it was read as 1.20 when the comma was taken for a
 * decimal point).
 */
export function parseTouchpointValue(text: string, currency: string): TouchpointValueParse {
  if (text.trim() === '') return { ok: true, minor: 0 };
  const money = parseMoney(text, currency);
  return money.ok ? { ok: true, minor: money.minor } : { ok: false, reason: money.reason };
}

/**
 * A touchpoint's spend as the history shows it: in its currency ("€1,200.00"); one logged
 * before touchpoints named a currency, as the number it was (hundredths, "1200.00").
 */
export function formatTouchpointValue(
  touch: { value: number; currency?: string | undefined },
  locale?: string,
): string {
  if (!touch.currency) return (touch.value / 100).toFixed(2);
  return formatMoney(touch.value, touch.currency, locale === undefined ? {} : { locale });
}
