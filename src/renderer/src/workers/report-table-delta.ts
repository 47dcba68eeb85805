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
 * What the worker last sent per table id: a table the figure memo kept is the very same
 * object; one computed again is compared with it value by value (no JSON: a table whose
 * content changed, as most do when their inputs changed, differs within its first cells).
 */
export type SentMemory = Map<string, { table: ReportTable }>;

/** Equal as JSON would say (a field holding undefined is no field), stopping at the first difference. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameValue(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!sameValue(x[key], y[key])) return false;
  for (const key in y) if (!(key in x) && y[key] !== undefined) return false;
  return true;
}

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
    const same = last !== undefined && sameValue(last.table, table);
    // The newest object (the one the memo keeps), so the next answer recognises it by identity.
    sent.set(table.id, { table });
    return same ? { id: table.id } : { id: table.id, table };
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
