import { memo, useContext, useMemo, useRef } from 'react';
import { chartData } from '../../domain/reports/chart-spec';
import type { Drill } from '../../domain/reports/drill';
import type { ReportTable } from '../../domain/reports/report-table';
import { errorText } from '../../domain/result';
import { showError, showToast } from '../../stores/toast-store';
import { downloadChartPng } from './chart-png';
import { ReportFilterWords } from './report-filter-context';
import { copyTable, reportFileName, saveTableCsv } from './report-export';
import { ReportChart } from './ReportChart';
import { ReportTableView } from './ReportTableView';

/**
 * A table with more columns than this goes below its chart, at the figure's full width: beside
 * the chart, revenue's nine columns were cut off at 1360 px, scrolling inside a box that did not
 * show it could.
 */
const SIDE_BY_SIDE_COLUMNS = 5;
import { useNearViewport } from './use-near-viewport';
import { useChartTurn } from './chart-slices';
import { useCaughtUp, useOnScreen } from './figure-catch-up';

type Props = { table: ReportTable; onDrill(drill: Drill): void };

async function attempt(work: () => Promise<string | null>) {
  try {
    const said = await work();
    if (said) showToast(said);
  } catch (error) {
    showError(errorText(error));
  }
}

/**
 * One figure: its title and caption, the chart, the table beside it, and its exports.
 * Memoized: a filter change hands back the same table object when its content did not change
 * (workers/report-table-delta.ts), and then the figure is not rendered again.
 */
export const ReportFigure = memo(function ReportFigure({ table: latest, onDrill }: Props) {
  const figure = useRef<HTMLElement>(null);
  // Off screen, a changed table is drawn after the figures on screen (figure-catch-up.ts);
  // copying and exporting always take the latest.
  const table = useCaughtUp(latest, useOnScreen(figure));
  const chart = useMemo(() => chartData(table), [table]);
  const body = useRef<HTMLDivElement>(null);
  // Near the viewport, then its turn: after the tables, one chart per task (chart-slices.ts).
  const drawn = useChartTurn(useNearViewport(body));
  const titleId = `report-${table.id}`;
  const filterWords = useContext(ReportFilterWords);
  // From the latest figure (as Copy and CSV are), drawn whether or not its chart is on screen.
  const png = () =>
    attempt(async () => {
      const data = chartData(latest);
      if (!data || data.rows.length === 0) return 'This figure has no chart';
      await downloadChartPng(
        { title: latest.title, caption: latest.caption, filters: filterWords(), data },
        reportFileName(latest, 'png'),
      );
      return `Saved ${latest.title} as an image`;
    });
  return (
    <section
      className="report-figure"
      aria-labelledby={titleId}
      data-figure={table.id}
      // Off screen and not caught up yet with the latest filter or data.
      aria-busy={table !== latest}
      ref={figure}
    >
      <header className="report-figure-header">
        <h3 id={titleId} className="report-figure-title">
          {table.title}
        </h3>
        <div className="report-figure-actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void attempt(async () => (await copyTable(latest), 'Copied the table'))}
          >
            Copy table
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label={`Export ${table.title} as CSV`}
            onClick={() =>
              void attempt(async () => {
                const location = await saveTableCsv(latest);
                return location ? `Saved ${location}` : null;
              })
            }
          >
            CSV
          </button>
          {chart && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-label={`Export the chart of ${table.title} as PNG`}
              onClick={() => void png()}
            >
              PNG
            </button>
          )}
        </div>
      </header>
      <p className="report-caption">{table.caption}</p>
      <div
        className={
          !chart
            ? 'report-figure-body report-table-only'
            : table.columns.length > SIDE_BY_SIDE_COLUMNS
              ? 'report-figure-body report-figure-stacked'
              : 'report-figure-body'
        }
        ref={body}
      >
        {chart &&
          chart.rows.length > 0 &&
          (drawn ? (
            <ReportChart title={table.title} data={chart} onDrill={onDrill} />
          ) : (
            <div className="report-chart report-chart-pending" aria-hidden="true" />
          ))}
        <ReportTableView table={table} onDrill={onDrill} />
      </div>
      {table.notes.length > 0 && (
        <ul className="report-notes">
          {table.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
});
