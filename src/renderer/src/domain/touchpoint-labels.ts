import { parseMoney } from './deals/money';
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

export type TouchpointValueParse = { ok: true; hundredths: number } | { ok: false; reason: string };

/**
 * The spend a person types on a touchpoint ("85", "1,200", "1 200.50"), in hundredths as the
 * history shows it; empty is no spend. Read by the deals' money rule, so "1,200" is twelve
 * hundred (it was read as 1.20 when the comma was taken for a decimal point).
 */
export function parseTouchpointValue(text: string): TouchpointValueParse {
  if (text.trim() === '') return { ok: true, hundredths: 0 };
  const money = parseMoney(text, 'USD');
  return money.ok ? { ok: true, hundredths: money.minor } : { ok: false, reason: money.reason };
}
