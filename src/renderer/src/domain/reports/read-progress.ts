/**
 * What the reports page says while it waits for the rows (docs/reports.md, "A million
 * customers, the window kept responsive"): the rows read so far, counted, per table, and which
 * sections wait for which tables. A table's total is not known before it is read (IndexedDB
 * counts a store by walking it), so nothing is estimated: tables read of tables to read, and
 * rows read so far.
 */

/** One source's read, as the reports engine reports it (report-engine.ts `ReadProgress`). */
export type SourceProgress = { source: string; rows: number; done: boolean };

/** The tables in words, by source name (report-source-tables.ts `SOURCE_TABLES`). */
export const SOURCE_WORDS: Record<string, string> = {
  deals: 'deals',
  history: 'deal status history',
  participants: 'deal participants',
  members: 'team members',
  customers: 'customers',
  touchpoints: 'touchpoints',
  tasks: 'tasks',
  assignments: 'task assignments',
};

export type ReadProgressWords = {
  /** "3 of 8 tables read, 1,234,567 rows so far" */
  summary: string;
  /** "reading customers: 340,000 rows so far", or null between tables. */
  now: string | null;
};

/**
 * The progress in words; null when nothing is being read (or every table is read). `format`
 * writes a count in the user's locale.
 */
export function readProgressWords(
  sources: readonly SourceProgress[],
  reading: boolean,
  format: (n: number) => string,
): ReadProgressWords | null {
  if (!reading || sources.every((s) => s.done)) return null;
  const done = sources.filter((s) => s.done).length;
  const rows = sources.reduce((sum, s) => sum + s.rows, 0);
  const current = sources.find((s) => !s.done && s.rows > 0);
  return {
    summary: `${done} of ${sources.length} tables read, ${format(rows)} ${rows === 1 ? 'row' : 'rows'} so far`,
    now: current
      ? `reading ${SOURCE_WORDS[current.source] ?? current.source}: ${format(current.rows)} ${current.rows === 1 ? 'row' : 'rows'} so far`
      : null,
  };
}
