/**
 * The pipeline's history figures over a period, from the deals' stays: conversion between
 * stages, average days in each stage, and the win rate. Definitions in docs/reports.md,
 * "Pipeline"; a worked example in tests/unit/reports-pipeline.test.ts.
 */
import type { DealStatus } from '../deals/statuses';
import { outcomeOf } from '../deals/statuses';
import type { DaySpan } from './calendar';
import { DAY_MS, inSpan } from './calendar';
import type { ReportFilter } from './filter';
import { dealScope, reportPeriod } from './filter';
import type { ReportContext } from './inputs';
import { LADDER } from './pipeline';
import type { DealTimeline, Stay } from './stage-history';

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

type FlowTally = {
  entered: number[];
  reachedNext: number[];
  reachedWon: number[];
  days: { stays: number; deals: number; total: number; now: number; nowTotal: number }[];
};

/** Conversion: each stage the deal entered in the period (once), and what it reached after. */
function tallyConversion(
  stays: readonly Stay[],
  inPeriod: (ms: number) => boolean,
  tally: FlowTally,
  seen: boolean[],
) {
  // Highest rung reached from each stay onwards (suffix scan, into a scratch array kept
  // between deals: a filter change walks 10,000 deals), and the last stay that is won.
  const count = stays.length;
  if (highestScratch.length < count + 1) highestScratch = new Int32Array(2 * (count + 1));
  const highest = highestScratch;
  highest[count] = -1;
  let lastWon = -1;
  for (let i = count - 1; i >= 0; i -= 1) {
    const status = stays[i]!.status;
    highest[i] = Math.max(highest[i + 1]!, rung(status));
    if (lastWon < 0 && outcomeOf(status) === 'won') lastWon = i;
  }
  seen.fill(false);
  for (let i = 0; i < count; i += 1) {
    const stay = stays[i]!;
    const step = rung(stay.status);
    if (step < 0 || seen[step] || !inPeriod(stay.start)) continue;
    seen[step] = true;
    tally.entered[step]! += 1;
    if (highest[i + 1]! > step) tally.reachedNext[step]! += 1;
    if (lastWon > i) tally.reachedWon[step]! += 1;
  }
}

let highestScratch = new Int32Array(64);

/** Days in stage: stays that ended in the period, and the stay still running now. */
function tallyDays(
  stays: readonly Stay[],
  inPeriod: (ms: number) => boolean,
  nowMs: number,
  tally: FlowTally,
  left: boolean[],
) {
  left.fill(false);
  for (const stay of stays) {
    const timed = TIMED_STAGES.indexOf(stay.status);
    const entry = tally.days[timed];
    if (!entry) continue;
    if (stay.end === null) {
      entry.now += 1;
      entry.nowTotal += Math.max(0, nowMs - stay.start) / DAY_MS;
    } else if (inPeriod(stay.end)) {
      entry.stays += 1;
      entry.total += (stay.end - stay.start) / DAY_MS;
      if (!left[timed]) entry.deals += 1;
      left[timed] = true;
    }
  }
}

export function pipelineFlow(
  timelines: readonly DealTimeline[],
  filter: ReportFilter,
  context: ReportContext,
): PipelineFlow {
  const period = reportPeriod(filter, context.today);
  const inPeriod = (ms: number) => inSpan(context.zone.dayOf(ms), period);
  const zeros = () => new Array<number>(LADDER.length).fill(0);
  const tally: FlowTally = {
    entered: zeros(),
    reachedNext: zeros(),
    reachedWon: zeros(),
    days: TIMED_STAGES.map(() => ({ stays: 0, deals: 0, total: 0, now: 0, nowTotal: 0 })),
  };
  const winRate: WinRate = { won: 0, lost: 0, rate: null };
  const seen = new Array<boolean>(LADDER.length).fill(false);
  const left = new Array<boolean>(TIMED_STAGES.length).fill(false);
  const inScope = dealScope(filter, context);
  for (const { deal, stays, closedAt } of timelines) {
    if (!inScope(deal)) continue;
    tallyConversion(stays, inPeriod, tally, seen);
    tallyDays(stays, inPeriod, context.nowMs, tally, left);
    if (closedAt !== null && inPeriod(closedAt)) {
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
      entered: tally.entered[step]!,
      next: LADDER[step + 1] ?? null,
      reachedNext: tally.reachedNext[step]!,
      reachedWon: outcomeOf(status) === 'won' ? null : tally.reachedWon[step]!,
    })),
    days: tally.days.map((d, i) => ({
      status: TIMED_STAGES[i]!,
      completedStays: d.stays,
      completedDeals: d.deals,
      averageDays: d.stays === 0 ? null : d.total / d.stays,
      currentDeals: d.now,
      currentAverageDays: d.now === 0 ? null : d.nowTotal / d.now,
    })),
    winRate,
  };
}
