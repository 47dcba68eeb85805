/** What needs attention in the pipeline, as tables: stale deals, holds due, double bookings. */
import { holdLabel, statusLabel } from '../deals/statuses';
import { dealDrill, scopeOf } from './drill';
import type { ReportFilter } from './filter';
import type { HoldDueSoon, SlotConflict, StaleByStage } from './pipeline-risks';
import type { ReportTable, TableOptions } from './report-table';
import { countCell, dayCell, formatReportDay, textCell } from './report-table';

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

/** The holds due soon; their event days written as the app writes dates, ISO in the CSV. */
export function holdsDueTable(
  holds: readonly HoldDueSoon[],
  days: number,
  options: TableOptions = {},
): ReportTable {
  return {
    id: 'pipeline-holds-due',
    title: `Holds with a show in the next ${days} days`,
    caption: `Deals still on hold whose event is within ${days} days: they need an answer before the date.`,
    columns: ['Date', 'Days left', 'Deal', 'Venue', 'Hold'],
    rows: holds.map((h) => [
      dayCell(h.date, null, options),
      countCell(h.daysLeft, null, options),
      textCell(h.title, { kind: 'deal', label: h.title, id: h.dealId }),
      textCell(h.venue),
      textCell(h.holdLevel === null ? '—' : holdLabel(h.holdLevel)),
    ]),
    notes: [],
  };
}

/** The double bookings; their nights written as the app writes dates, ISO in the CSV. */
export function conflictsTable(
  conflicts: readonly SlotConflict[],
  days: number,
  options: TableOptions = {},
): ReportTable {
  return {
    id: 'pipeline-conflicts',
    title: `Double-booked dates in the next ${days} days`,
    caption:
      'Dates that two or more live deals occupy at the same venue (holds, offers, confirmed and contracted shows).',
    columns: ['Date', 'Venue', 'Deals'],
    rows: conflicts.map((c) => [
      dayCell(c.date, null, options),
      textCell(c.venue),
      textCell(
        c.deals
          .map(
            (d) =>
              `${d.title} (${d.holdLevel === null ? statusLabel(d.status) : holdLabel(d.holdLevel)})`,
          )
          .join('; '),
        dealDrill(
          `${c.venue}, ${formatReportDay(c.date, options)}`,
          { ownerId: null, currency: null, tag: null },
          { slot: { date: c.date, venueKey: c.venueKey } },
        ),
      ),
    ]),
    notes: [],
  };
}
