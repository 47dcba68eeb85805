/**
 * A filter change sends the window only the tables whose content changed: the worker
 * remembers what it last sent (each table as JSON), the window keeps what it received, and
 * an unchanged table arrives as its id only. The window then hands React the very object it
 * had, so the figure is not rendered again (ReportFigure is memoized): a currency filter,
 * which changes no customer figure, redraws only the deal figures.
 */
import type { ReportView } from '../services/crm/reports/report-engine';
import type { ReportTable } from '../domain/reports/report-table';

/**
 * What the worker last sent per table id: the object (a table the figure memo kept is the very
 * same object, recognised without serializing it) and its JSON (a table computed again with
 * the same content).
 */
export type SentMemory = Map<string, { table: ReportTable; json: string }>;

/** One table as sent: the table, or only its id when the window has it already. */
export type SentTable = { id: string; table?: ReportTable };

export type SentView =
  | (Omit<Extract<ReportView, { ok: true }>, 'tables'> & { tables: SentTable[] })
  | Extract<ReportView, { ok: false }>;

/** Worker side: the view with the tables sent before (same content) reduced to their ids. */
export function toSent(view: ReportView, sent: SentMemory): SentView {
  if (!view.ok) return view;
  const tables = view.tables.map((table): SentTable => {
    const last = sent.get(table.id);
    // The same object as last sent: unchanged, and nothing to serialize (a filter change keeps
    // most tables this way).
    if (last?.table === table) return { id: table.id };
    const json = JSON.stringify(table);
    sent.set(table.id, { table, json });
    if (last?.json === json) return { id: table.id };
    return { id: table.id, table };
  });
  return { ...view, tables };
}

/** Window side: the full view, unchanged tables taken from what was received before. */
export function fromSent(sent: SentView, received: Map<string, ReportTable>): ReportView {
  if (!sent.ok) return sent;
  const tables = sent.tables.map(({ id, table }) => {
    if (table) {
      received.set(id, table);
      return table;
    }
    const known = received.get(id);
    if (!known)
      throw new Error(`The reports worker sent table ${id} as unchanged, but it is unknown`);
    return known;
  });
  return { ...sent, tables };
}
