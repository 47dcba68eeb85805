/** The pipeline figures as tables, each cell with the deals behind it. */
import type { DealStatus } from '../deals/statuses';
import { holdLabel, statusLabel } from '../deals/statuses';
import { isoDateFromDay } from './calendar';
import type { DealHistoryDrill } from './drill';
import { dealDrill, scopeOf } from './drill';
import type { ReportFilter } from './filter';
import type { PipelineFlow, PipelineSnapshot } from './pipeline';
import type { HoldDueSoon, SlotConflict, StaleByStage } from './pipeline-risks';
import type { Cell, ReportTable, TableOptions } from './report-table';
import {
  combinedCell,
  countCell,
  daysCell,
  describeRates,
  moneyCell,
  percentCell,
  textCell,
} from './report-table';

export function stageValueTable(
  snapshot: PipelineSnapshot,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const rows: Cell[][] = [];
  for (const stage of snapshot.stages)
    for (const total of stage.totals) {
      const drill = dealDrill(
        `${statusLabel(stage.status)}, ${total.currency}`,
        { ...scopeOf(filter), currency: total.currency },
        {
          statuses: [stage.status],
          eventDate: { from: filter.from, to: filter.to },
        },
      );
      rows.push([
        textCell(statusLabel(stage.status)),
        textCell(total.currency),
        countCell(total.count, drill, options),
        moneyCell(total.amount, total.currency, drill, options),
        moneyCell(total.weighted, total.currency, drill, options),
      ]);
    }
  return {
    id: 'pipeline-stages',
    title: 'Pipeline by stage',
    caption:
      'Deals in each stage now, with their value and their value weighted by probability, per currency (the board’s column totals for the same filters).',
    columns: ['Stage', 'Currency', 'Deals', 'Value', 'Weighted value'],
    rows,
    notes: [],
  };
}

export function stageValueCombinedTable(
  snapshot: PipelineSnapshot,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable | null {
  const open = snapshot.openCombined;
  if (!open) return null;
  const rows = snapshot.stages.map((stage) => {
    const drill = dealDrill(statusLabel(stage.status), scopeOf(filter), {
      statuses: [stage.status],
      eventDate: { from: filter.from, to: filter.to },
    });
    const combined = stage.combined!;
    return [
      textCell(statusLabel(stage.status)),
      countCell(
        stage.totals.reduce((n, t) => n + t.count, 0),
        drill,
        options,
      ),
      combinedCell(combined.amount, drill, options),
      combinedCell(combined.weighted, drill, options),
      textCell(
        describeRates([...combined.amount.used, ...combined.weighted.used]) ||
          'no conversion needed',
      ),
    ];
  });
  return {
    id: `pipeline-stages-combined-${open.amount.currency}`,
    title: `Pipeline by stage in ${open.amount.currency}`,
    caption: `The same deals, every currency converted to ${open.amount.currency} at today’s rates.`,
    columns: ['Stage', 'Deals', 'Value', 'Weighted value', 'Rates used'],
    rows,
    notes: [],
  };
}

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
    caption: `Of the deals that entered each stage from ${period.from} to ${period.to}, how many later reached the next stage or a later one, and how many were won (contracted or later), up to today.`,
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
    caption: `Stays that ended from ${period.from} to ${period.to} (a deal that came back counts each stay), and the deals in each stage today with how long they have been there.`,
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
    caption: `Deals that reached their outcome from ${period.from} to ${period.to}: won / (won + lost).`,
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

export function staleTable(
  stale: readonly StaleByStage[],
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  return {
    id: 'pipeline-stale',
    title: 'Stale deals',
    caption:
      'Open deals with no activity for longer than their stage allows (the board’s amber cards).',
    columns: ['Stage', 'Stale deals'],
    rows: stale.map((s) => [
      textCell(statusLabel(s.status)),
      countCell(
        s.count,
        dealDrill(`Stale in ${statusLabel(s.status)}`, scopeOf(filter), {
          statuses: [s.status],
          eventDate: { from: filter.from, to: filter.to },
          staleOnly: true,
        }),
        options,
      ),
    ]),
    notes: [],
  };
}

export function holdsDueTable(holds: readonly HoldDueSoon[], days: number): ReportTable {
  return {
    id: 'pipeline-holds-due',
    title: `Holds with a show in the next ${days} days`,
    caption: `Deals still on hold whose event is within ${days} days: they need an answer before the date.`,
    columns: ['Date', 'Days left', 'Deal', 'Venue', 'Hold'],
    rows: holds.map((h) => [
      textCell(h.date),
      countCell(h.daysLeft),
      textCell(h.title, { kind: 'deal', label: h.title, id: h.dealId }),
      textCell(h.venue),
      textCell(h.holdLevel === null ? '—' : holdLabel(h.holdLevel)),
    ]),
    notes: [],
  };
}

export function conflictsTable(conflicts: readonly SlotConflict[], days: number): ReportTable {
  return {
    id: 'pipeline-conflicts',
    title: `Double-booked dates in the next ${days} days`,
    caption:
      'Dates that two or more live deals occupy at the same venue (holds, offers, confirmed and contracted shows).',
    columns: ['Date', 'Venue', 'Deals'],
    rows: conflicts.map((c) => [
      textCell(c.date),
      textCell(c.venue),
      textCell(
        c.deals
          .map(
            (d) =>
              `${d.title} (${d.holdLevel === null ? statusLabel(d.status) : holdLabel(d.holdLevel)})`,
          )
          .join('; '),
        dealDrill(
          `${c.venue}, ${c.date}`,
          { ownerId: null, currency: null, tag: null },
          { slot: { date: c.date, venueKey: c.venueKey } },
        ),
      ),
    ]),
    notes: [],
  };
}
