/** Totals per currency: board columns, weighted (amount x probability) values and revenue. */
import type { EventDeal } from '../records';
import { weightedMinor } from './money';
import type { DealStatus } from './statuses';
import { DEAL_STATUSES, STATUS_DEFINITIONS, outcomeOf } from './statuses';

export type CurrencyTotal = { currency: string; count: number; amount: number; weighted: number };
export type TotalsByCurrency = CurrencyTotal[];

type DealMoney = Pick<EventDeal, 'amount_minor' | 'currency' | 'status' | 'probability'>;

/** The deal's own probability, else its status's default. Lost deals are always 0. */
export function effectiveProbability(
  deal: Pick<EventDeal, 'status' | 'probability'>,
  defaults: Partial<Record<DealStatus, number>> = {},
): number {
  if (outcomeOf(deal.status) === 'lost') return 0;
  if (outcomeOf(deal.status) === 'won') return 100;
  return (
    deal.probability ?? defaults[deal.status] ?? STATUS_DEFINITIONS[deal.status].defaultProbability
  );
}

export function dealWeighted(
  deal: DealMoney,
  defaults: Partial<Record<DealStatus, number>> = {},
): number {
  return weightedMinor(deal.amount_minor, effectiveProbability(deal, defaults));
}

/** Sums per currency, sorted by currency code; weighted values use the per-deal rounding. */
export function totalsByCurrency(
  deals: readonly DealMoney[],
  defaults: Partial<Record<DealStatus, number>> = {},
): TotalsByCurrency {
  const map = new Map<string, CurrencyTotal>();
  for (const deal of deals) {
    let total = map.get(deal.currency);
    if (!total) {
      total = { currency: deal.currency, count: 0, amount: 0, weighted: 0 };
      map.set(deal.currency, total);
    }
    total.count += 1;
    total.amount += deal.amount_minor;
    total.weighted += dealWeighted(deal, defaults);
  }
  return [...map.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Groups deals into their status column, each column ordered by rank (then id for ties). */
export function groupByStatus<T extends Pick<EventDeal, 'status' | 'rank' | 'id'>>(
  deals: readonly T[],
): Record<DealStatus, T[]> {
  const columns = Object.fromEntries(DEAL_STATUSES.map((s) => [s, [] as T[]])) as Record<
    DealStatus,
    T[]
  >;
  for (const deal of deals) columns[deal.status].push(deal);
  for (const status of DEAL_STATUSES)
    columns[status].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  return columns;
}

export type RevenueSummary = {
  byStatus: { status: DealStatus; totals: TotalsByCurrency }[];
  /** Won revenue per calendar month of the event (YYYY-MM), per currency, months ascending. */
  wonByMonth: { month: string; currency: string; amount: number }[];
  /** Weighted value of open deals, per currency. */
  forecast: TotalsByCurrency;
  /** Signed (won) value, per currency. */
  won: TotalsByCurrency;
};

type RevenueDeal = DealMoney & Pick<EventDeal, 'event_date' | 'expected_close'>;

/** The month a deal's revenue belongs to: the show's date, else its expected close. */
export function revenueMonth(
  deal: Pick<EventDeal, 'event_date' | 'expected_close'>,
): string | null {
  const date = deal.event_date ?? deal.expected_close;
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null;
}

export function revenueSummary(
  deals: readonly RevenueDeal[],
  defaults: Partial<Record<DealStatus, number>> = {},
): RevenueSummary {
  const byStatus = DEAL_STATUSES.map((status) => ({
    status,
    totals: totalsByCurrency(
      deals.filter((d) => d.status === status),
      defaults,
    ),
  })).filter((entry) => entry.totals.length > 0);
  const monthMap = new Map<string, { month: string; currency: string; amount: number }>();
  const wonDeals = deals.filter((d) => outcomeOf(d.status) === 'won');
  for (const deal of wonDeals) {
    const month = revenueMonth(deal);
    if (!month) continue;
    const key = `${month}|${deal.currency}`;
    const entry = monthMap.get(key) ?? { month, currency: deal.currency, amount: 0 };
    entry.amount += deal.amount_minor;
    monthMap.set(key, entry);
  }
  const wonByMonth = [...monthMap.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency),
  );
  return {
    byStatus,
    wonByMonth,
    forecast: totalsByCurrency(
      deals.filter((d) => outcomeOf(d.status) === 'open'),
      defaults,
    ),
    won: totalsByCurrency(wonDeals, defaults),
  };
}
