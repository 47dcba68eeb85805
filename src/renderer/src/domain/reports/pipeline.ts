/**
 * The pipeline by stage now: count, value and weighted value per status and currency (the
 * board's own totals for the same filters), and combined at today's rates. The history
 * figures are in pipeline-flow.ts. Definitions in docs/reports.md, "Pipeline".
 */
import type { DealStatus } from '../deals/statuses';
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
import type { TotalsByCurrency } from '../deals/totals';
import { totalsByCurrency } from '../deals/totals';
import type { CombinedMoney } from './combined-money';
import { combineAmounts } from './combined-money';
import type { ReportFilter } from './filter';
import { dealScope, eventDateScope } from './filter';
import type { ReportContext, ReportDeal } from './inputs';

export type StageValue = {
  status: DealStatus;
  totals: TotalsByCurrency;
  /** Amount and weighted amount in the reporting currency at today's rates. */
  combined: { amount: CombinedMoney; weighted: CombinedMoney } | null;
};

export type PipelineSnapshot = {
  stages: StageValue[];
  /** Open deals (inquiry to confirmed): the board's "weighted forecast (open)". */
  open: TotalsByCurrency;
  openCombined: { amount: CombinedMoney; weighted: CombinedMoney } | null;
};

function combine(totals: TotalsByCurrency, context: ReportContext) {
  const target = context.reportingCurrency;
  if (target === null) return null;
  const pick = (field: 'amount' | 'weighted') =>
    combineAmounts(
      context.rates,
      totals.map((t) => ({ currency: t.currency, minor: t[field] })),
      target,
      context.today,
    );
  return { amount: pick('amount'), weighted: pick('weighted') };
}

/** Deals the board would show for the same owner, currency and event dates (plus the tag). */
export function pipelineSnapshot(
  deals: readonly ReportDeal[],
  filter: ReportFilter,
  context: ReportContext,
): PipelineSnapshot {
  const columns = new Map<DealStatus, ReportDeal[]>(DEAL_STATUSES.map((s) => [s, []]));
  const open: ReportDeal[] = [];
  const inScope = dealScope(filter, context);
  const dateMatches = eventDateScope(filter);
  for (const deal of deals) {
    if (!inScope(deal) || !dateMatches(deal)) continue;
    columns.get(deal.status)!.push(deal);
    if (outcomeOf(deal.status) === 'open') open.push(deal);
  }
  const probability = context.stages.probability;
  const stages = DEAL_STATUSES.map((status) => {
    const totals = totalsByCurrency(columns.get(status)!, probability);
    return { status, totals, combined: combine(totals, context) };
  });
  const openTotals = totalsByCurrency(open, probability);
  return { stages, open: openTotals, openCombined: combine(openTotals, context) };
}

/** The stages a deal climbs, in order; lost statuses are off the ladder. */
export const LADDER: readonly DealStatus[] = DEAL_STATUSES.filter((s) => outcomeOf(s) !== 'lost');
