/**
 * Pipeline figures: value and count per stage now (the board's own totals for the same
 * filters), and from the status history: conversion between stages, average days in each
 * stage and the win rate, over a period. Definitions in docs/reports.md, "Pipeline".
 */
import type { DealStatus } from '../deals/statuses';
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
import type { TotalsByCurrency } from '../deals/totals';
import { totalsByCurrency } from '../deals/totals';
import type { DaySpan } from './calendar';
import { DAY_MS, inSpan } from './calendar';
import type { CombinedMoney } from './combined-money';
import { combineAmounts } from './combined-money';
import type { ReportFilter } from './filter';
import { dealInScope, eventDateMatches, reportPeriod } from './filter';
import type { ReportContext, ReportDeal } from './inputs';
import type { DealTimeline } from './stage-history';

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
  for (const deal of deals) {
    if (!dealInScope(deal, filter, context) || !eventDateMatches(deal, filter)) continue;
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
const rung = (status: DealStatus) => LADDER.indexOf(status);

export type StageConversion = {
  status: DealStatus;
  /** Deals that entered this stage in the period (each deal once). */
  entered: number;
  /** The next stage on the ladder, and how many of them later reached it or a later one. */
  next: DealStatus | null;
  reachedNext: number;
  /** How many of them were later won (contracted or beyond); null for won stages. */
  reachedWon: number | null;
};

export type StageDays = {
  status: DealStatus;
  /** Stays in the stage that ended in the period, and the distinct deals they belong to. */
  completedStays: number;
  completedDeals: number;
  /** Average length of those stays, in days (null when there were none). */
  averageDays: number | null;
  /** Deals in the stage now, and how long they have been there on average so far. */
  currentDeals: number;
  currentAverageDays: number | null;
};

export type WinRate = { won: number; lost: number; rate: number | null };

export type PipelineFlow = {
  period: DaySpan;
  conversion: StageConversion[];
  days: StageDays[];
  winRate: WinRate;
};

/** Stages whose stays end by moving on (final statuses are never left). */
export const TIMED_STAGES: readonly DealStatus[] = LADDER.filter((s) => s !== 'settled');

export function pipelineFlow(
  timelines: readonly DealTimeline[],
  filter: ReportFilter,
  context: ReportContext,
): PipelineFlow {
  const period = reportPeriod(filter, context.today);
  const dayOf = context.zone.dayOf;
  const entered = new Array<number>(LADDER.length).fill(0);
  const reachedNext = new Array<number>(LADDER.length).fill(0);
  const reachedWon = new Array<number>(LADDER.length).fill(0);
  const days = TIMED_STAGES.map((status) => ({
    status,
    stays: 0,
    deals: 0,
    total: 0,
    now: 0,
    nowTotal: 0,
  }));
  const winRate: WinRate = { won: 0, lost: 0, rate: null };
  for (const { deal, stays, closedAt } of timelines) {
    if (!dealInScope(deal, filter, context)) continue;
    // Highest rung and "won" reached from each stay onwards (suffix scan).
    const highest = new Array<number>(stays.length + 1).fill(-1);
    const won = new Array<boolean>(stays.length + 1).fill(false);
    for (let i = stays.length - 1; i >= 0; i -= 1) {
      highest[i] = Math.max(highest[i + 1]!, rung(stays[i]!.status));
      won[i] = won[i + 1]! || outcomeOf(stays[i]!.status) === 'won';
    }
    const seen = new Array<boolean>(LADDER.length).fill(false);
    const left = new Array<boolean>(TIMED_STAGES.length).fill(false);
    stays.forEach((stay, i) => {
      const step = rung(stay.status);
      if (step >= 0 && !seen[step] && inSpan(dayOf(stay.start), period)) {
        seen[step] = true;
        entered[step]! += 1;
        if (highest[i + 1]! > step) reachedNext[step]! += 1;
        if (won[i + 1]) reachedWon[step]! += 1;
      }
      const timed = TIMED_STAGES.indexOf(stay.status);
      const entry = days[timed];
      if (!entry) return;
      if (stay.end !== null && inSpan(dayOf(stay.end), period)) {
        entry.stays += 1;
        entry.total += (stay.end - stay.start) / DAY_MS;
        if (!left[timed]) entry.deals += 1;
        left[timed] = true;
      } else if (stay.end === null) {
        entry.now += 1;
        entry.nowTotal += Math.max(0, context.nowMs - stay.start) / DAY_MS;
      }
    });
    if (closedAt !== null && inSpan(dayOf(closedAt), period)) {
      if (outcomeOf(deal.status) === 'won') winRate.won += 1;
      else winRate.lost += 1;
    }
  }
  const decided = winRate.won + winRate.lost;
  winRate.rate = decided === 0 ? null : winRate.won / decided;
  return {
    period,
    conversion: LADDER.slice(0, -1).map((status, step) => ({
      status,
      entered: entered[step]!,
      next: LADDER[step + 1] ?? null,
      reachedNext: reachedNext[step]!,
      reachedWon: outcomeOf(status) === 'won' ? null : reachedWon[step]!,
    })),
    days: days.map((d) => ({
      status: d.status,
      completedStays: d.stays,
      completedDeals: d.deals,
      averageDays: d.stays === 0 ? null : d.total / d.stays,
      currentDeals: d.now,
      currentAverageDays: d.now === 0 ? null : d.nowTotal / d.now,
    })),
    winRate,
  };
}
