/**
 * How a deal's dates and probability read, in the user's locale: one function each, so the
 * board, the deal page and the customer's Deals tab write them the same way.
 */
import type { EventDeal } from '../records';
import { outcomeOf } from './statuses';
import { effectiveProbability } from './totals';

/** "Dec 5, 2026" (en-US), "5. Dez. 2026" (de-DE); a calendar date, so read in UTC. */
export function formatDealDate(date: string | null, locale: string | undefined): string {
  if (!date) return 'No date';
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "60%", in the locale's own way of writing a percentage ("60 %" in French). */
export function formatPercent(percent: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    percent / 100,
  );
}

/**
 * The probability with what it does: "60% · weighted into forecast (stage default)". A won
 * deal counts in full and a lost one not at all, whatever was typed.
 */
export function describeProbability(
  deal: Pick<EventDeal, 'status' | 'probability'>,
  locale: string | undefined,
): string {
  const percent = formatPercent(effectiveProbability(deal), locale);
  const outcome = outcomeOf(deal.status);
  if (outcome === 'won') return `${percent} · won, counted in full`;
  if (outcome === 'lost') return `${percent} · lost, not in the forecast`;
  const source = deal.probability === null ? ' (stage default)' : '';
  return `${percent} · weighted into forecast${source}`;
}
