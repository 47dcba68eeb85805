/** The pipeline's history figures as tables: conversion, days in stage, win rate. */
import type { DealStatus } from '../deals/statuses';
import { statusLabel } from '../deals/statuses';
import { isoDateFromDay } from './calendar';
import type { DealHistoryDrill } from './drill';
import { dealDrill, scopeOf } from './drill';
import type { ReportFilter } from './filter';
import type { PipelineFlow } from './pipeline-flow';
import type { ReportTable, TableOptions } from './report-table';
import { countCell, daysCell, formatReportDay, percentCell, textCell } from './report-table';

function periodOf(flow: PipelineFlow) {
  return { from: isoDateFromDay(flow.period.first), to: isoDateFromDay(flow.period.last) };
}

export function conversionTable(
  flow: PipelineFlow,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const period = periodOf(flow);
  const scope = scopeOf(filter);
  const history = (status: DealStatus, reached: DealStatus | null): DealHistoryDrill => ({
    type: 'entered',
    status,
    reached,
    ...period,
  });
  const rows = flow.conversion.map((c) => {
    const entered = dealDrill(`Entered ${statusLabel(c.status)}`, scope, {
      history: history(c.status, null),
    });
    const next =
      c.next === null
        ? null
        : dealDrill(
            `Entered ${statusLabel(c.status)}, then reached ${statusLabel(c.next)} or later`,
            scope,
            { history: history(c.status, c.next) },
          );
    const won = dealDrill(`Entered ${statusLabel(c.status)}, then won`, scope, {
      history: history(c.status, 'contracted'),
    });
    const share = (n: number) => (c.entered === 0 ? null : n / c.entered);
    return [
      textCell(statusLabel(c.status)),
      countCell(c.entered, entered, options),
      textCell(c.next === null ? '—' : statusLabel(c.next)),
      countCell(c.reachedNext, next, options),
      percentCell(share(c.reachedNext), next),
      c.reachedWon === null ? textCell('—') : countCell(c.reachedWon, won, options),
      c.reachedWon === null ? textCell('—') : percentCell(share(c.reachedWon), won),
    ];
  });
  return {
    id: 'pipeline-conversion',
    title: 'Conversion between stages',
    caption: `Of the deals that entered each stage from ${formatReportDay(period.from, options)} to ${formatReportDay(period.to, options)}, how many later reached the next stage or a later one, and how many were won (contracted or later), up to today.`,
    columns: [
      'Stage',
      'Entered',
      'Next stage',
      'Reached it or later',
      'Share',
      'Won later',
      'Share won',
    ],
    rows,
    notes: [],
  };
}

export function stageDaysTable(
  flow: PipelineFlow,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const period = periodOf(flow);
  const scope = scopeOf(filter);
  const rows = flow.days.map((d) => {
    const left = dealDrill(`Left ${statusLabel(d.status)}`, scope, {
      history: { type: 'left', status: d.status, ...period },
    });
    const now = dealDrill(`In ${statusLabel(d.status)} now`, scope, { statuses: [d.status] });
    return [
      textCell(statusLabel(d.status)),
      countCell(d.completedStays, left, options),
      countCell(d.completedDeals, left, options),
      daysCell(d.averageDays, left),
      countCell(d.currentDeals, now, options),
      daysCell(d.currentAverageDays, now),
    ];
  });
  return {
    id: 'pipeline-days',
    title: 'Days in each stage',
    caption: `Stays that ended from ${formatReportDay(period.from, options)} to ${formatReportDay(period.to, options)} (a deal that came back counts each stay), and the deals in each stage today with how long they have been there.`,
    columns: [
      'Stage',
      'Stays ended',
      'Deals',
      'Average days',
      'In stage now',
      'Average days so far',
    ],
    rows,
    notes: [],
  };
}

export function winRateTable(
  flow: PipelineFlow,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const period = periodOf(flow);
  const scope = scopeOf(filter);
  const closed = (outcome: 'won' | 'lost' | null) =>
    dealDrill(outcome === null ? 'Closed' : outcome === 'won' ? 'Won' : 'Lost', scope, {
      history: { type: 'closed', outcome, ...period },
    });
  const { won, lost, rate } = flow.winRate;
  return {
    id: 'pipeline-win-rate',
    title: 'Win rate',
    caption: `Deals that reached their outcome from ${formatReportDay(period.from, options)} to ${formatReportDay(period.to, options)}: won / (won + lost).`,
    columns: ['Won', 'Lost', 'Win rate'],
    rows: [
      [
        countCell(won, closed('won'), options),
        countCell(lost, closed('lost'), options),
        percentCell(rate, closed(null)),
      ],
    ],
    notes: [],
  };
}
