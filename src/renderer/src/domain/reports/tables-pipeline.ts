/** The pipeline by stage as tables (per currency, and combined), each cell with its deals. */
import { statusLabel } from '../deals/statuses';
import { dealDrill, scopeOf } from './drill';
import type { ReportFilter } from './filter';
import type { PipelineSnapshot } from './pipeline';
import type { Cell, ReportTable, TableOptions } from './report-table';
import { combinedCell, countCell, moneyCell, ratesCell, textCell } from './report-table';

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
      ratesCell([combined.amount, combined.weighted], options),
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
