import { memo, useMemo, useState, type CSSProperties } from 'react';
import type { Drill } from '../../domain/reports/drill';
import type { ReportTable } from '../../domain/reports/report-table';
import { useScrollEdges } from './scroll-edges';

/** A zero has no rows behind it: no link to an empty list. */
const hasRows = (csv: string) => csv !== '' && Number(csv) !== 0;

/**
 * The columns of words ("Rates used", a deal, a venue, a date), read from the left; numbers
 * stay right-aligned. Right-aligned, a long "Rates used" pushed the shorter ones (and its
 * heading) out of the card's sight.
 */
export function textColumns(table: ReportTable): boolean[] {
  return table.columns.map(
    (_, c) =>
      c > 0 && table.rows.some((row) => row[c] && row[c].csv !== '' && isNaN(Number(row[c].csv))),
  );
}

type Props = { table: ReportTable; onDrill(drill: Drill): void };

/**
 * Rows drawn before "Show all": a long list (holds due, conflicts, tags at manager scale) drawn
 * at once held the main thread; Copy table and CSV always carry every row.
 */
export const SHOWN_ROWS = 50;

/**
 * A report table as a real table: selectable text, a caption, column headers, row headers;
 * a cell with rows behind it is a button (Enter opens the list), so the keyboard reaches
 * everything a click on the chart does.
 */
export const ReportTableView = memo(function ReportTableView({ table, onDrill }: Props) {
  const [all, setAll] = useState(false);
  const capped = !all && table.rows.length > SHOWN_ROWS;
  const rows = capped ? table.rows.slice(0, SHOWN_ROWS) : table.rows;
  const words = useMemo(() => textColumns(table), [table]);
  // A table wider than its card (revenue, team at 1024) scrolls sideways inside it: a fade at
  // the edge with more columns says so, and the box takes focus so the arrow keys scroll it.
  // The first column (months, stages, owners) stays in view while the rest scrolls under it
  // (reports.css); the left hint is drawn beside it, and a focused cell is scrolled clear of it.
  const [scrollRef, edges, firstColumn] = useScrollEdges();
  const sideways = edges.left || edges.right;
  const stuck = sideways ? ({ '--report-first-column': `${firstColumn}px` } as CSSProperties) : {};
  // Nothing to list (no hold due, no double booking): said, where a table of headers alone
  // looked broken.
  if (table.rows.length === 0) return <p className="report-empty">Nothing to list.</p>;
  return (
    <div
      className="report-table-frame"
      data-more-left={edges.left || undefined}
      data-more-right={edges.right || undefined}
      style={stuck}
    >
      <div
        ref={scrollRef}
        className="report-table-wrap"
        tabIndex={sideways ? 0 : undefined}
        role={sideways ? 'region' : undefined}
        aria-label={sideways ? `${table.title}, scrolls sideways` : undefined}
      >
        <table className="report-table" aria-label={table.title}>
          <thead>
            <tr>
              {table.columns.map((column, c) => (
                <th key={column} scope="col" className={words[c] ? 'report-words' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} className={row[0]?.text === 'Total' ? 'report-total' : undefined}>
                {row.map((cell, c) => {
                  const content =
                    cell.drill && hasRows(cell.csv) ? (
                      <button
                        type="button"
                        className="report-cell-link"
                        onClick={() => onDrill(cell.drill!)}
                        aria-label={`${cell.text}: ${cell.drill.label}`}
                      >
                        {cell.text}
                      </button>
                    ) : (
                      cell.text
                    );
                  return c === 0 ? (
                    <th key={c} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={c} className={words[c] ? 'report-words' : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {capped && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAll(true)}>
            {`Show all ${table.rows.length} rows (${SHOWN_ROWS} shown)`}
          </button>
        )}
      </div>
    </div>
  );
});
