/**
 * The cells of the revenue figure: per status, won deals at their amount and open deals
 * weighted; and their conversion into the reporting currency, cell by cell.
 */
import type { DealStatus } from '../deals/statuses';
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
import type { DayNumber } from './calendar';
import type { CombinedMoney } from './combined-money';
import { combineAmounts, sumCombined } from './combined-money';
import type { ReportContext } from './inputs';

/** The statuses revenue counts, in the board's order (lost ones are not revenue). */
export const REVENUE_STATUSES = DEAL_STATUSES.filter((status) => outcomeOf(status) !== 'lost');
export type RevenueStatus = (typeof REVENUE_STATUSES)[number];

/** Won statuses carry their amount, open ones their weighted amount; counts beside. */
export type RevenueCell = {
  stack: Record<RevenueStatus, number>;
  counts: Record<RevenueStatus, number>;
  won: number;
  forecast: number;
};

export type CurrencyRevenue = { currency: string; cell: RevenueCell };

export type CombinedRevenue = {
  /** Each per-currency cell converted, then added: every layer is a sum of converted cells. */
  stack: Record<RevenueStatus, CombinedMoney>;
  won: CombinedMoney;
  forecast: CombinedMoney;
};

export function emptyRevenueCell(): RevenueCell {
  const zero = () =>
    Object.fromEntries(REVENUE_STATUSES.map((s) => [s, 0])) as Record<RevenueStatus, number>;
  return { stack: zero(), counts: zero(), won: 0, forecast: 0 };
}

/** Adds one deal's value (its amount if won, weighted if open) to a cell. */
export function addDeal(cell: RevenueCell, status: DealStatus, value: number): void {
  const layer = status as RevenueStatus;
  cell.stack[layer] += value;
  cell.counts[layer] += 1;
  if (outcomeOf(status) === 'won') cell.won += value;
  else cell.forecast += value;
}

export function sumCells(cells: readonly RevenueCell[]): RevenueCell {
  const total = emptyRevenueCell();
  for (const cell of cells) {
    for (const status of REVENUE_STATUSES) {
      total.stack[status] += cell.stack[status];
      total.counts[status] += cell.counts[status];
    }
    total.won += cell.won;
    total.forecast += cell.forecast;
  }
  return total;
}

export function combineCells(
  cells: readonly CurrencyRevenue[],
  target: string,
  rateDay: DayNumber,
  context: ReportContext,
): CombinedRevenue {
  const stack = {} as Record<RevenueStatus, CombinedMoney>;
  for (const status of REVENUE_STATUSES)
    stack[status] = combineAmounts(
      context.rates,
      cells.map(({ currency, cell }) => ({ currency, minor: cell.stack[status] })),
      target,
      rateDay,
    );
  const layers = (outcome: 'won' | 'open') =>
    sumCombined(
      target,
      REVENUE_STATUSES.filter((s) => outcomeOf(s) === outcome).map((s) => stack[s]),
    );
  return { stack, won: layers('won'), forecast: layers('open') };
}

export function sumCombinedRevenue(
  target: string,
  parts: readonly CombinedRevenue[],
): CombinedRevenue {
  const stack = {} as Record<RevenueStatus, CombinedMoney>;
  for (const status of REVENUE_STATUSES)
    stack[status] = sumCombined(
      target,
      parts.map((part) => part.stack[status]),
    );
  return {
    stack,
    won: sumCombined(
      target,
      parts.map((part) => part.won),
    ),
    forecast: sumCombined(
      target,
      parts.map((part) => part.forecast),
    ),
  };
}
