/**
 * The reports' journal (reports_journal, schema version 7; written by
 * db/reports-journal-middleware.ts): started by the reports before their first snapshot, read
 * after a snapshot's seq to know which rows to read again, trimmed once a snapshot covers it.
 */
import type { CrmDatabase } from '../../../db/database';
import { newId } from '../../../domain/ids';
import type {
  ReportsJournalMeta,
  ReportsJournalWrite,
} from '../../../domain/reports/journal-entry';
import { isJournalMeta, JOURNAL_META_SEQ } from '../../../domain/reports/journal-entry';
import type { SourceName } from './report-source-tables';
import { SOURCE_TABLES } from './report-source-tables';

const SOURCE_OF_TABLE = new Map<string, SourceName>(
  (Object.entries(SOURCE_TABLES) as [SourceName, { table: string }][]).map(([name, spec]) => [
    spec.table,
    name,
  ]),
);

/**
 * Starts the journal (its meta row) if it is not: from the commit of this transaction on,
 * every write to the reports' tables is journaled. Call it before reading the rows a snapshot
 * will be made of, so no write can fall between the read and the journal.
 */
export async function startJournal(db: CrmDatabase): Promise<ReportsJournalMeta> {
  return db.transaction('rw', db.reports_journal, async () => {
    const found = await db.reports_journal.get(JOURNAL_META_SEQ);
    if (isJournalMeta(found)) return found;
    const meta: ReportsJournalMeta = {
      seq: JOURNAL_META_SEQ,
      table: '',
      keys: [],
      generation: newId(),
      trimmed_through: 0,
    };
    await db.reports_journal.put(meta);
    return meta;
  });
}

/** The rows written after a seq, per source: keys, or 'all' when a write named a range. */
export type JournalChanges = {
  meta: ReportsJournalMeta | null;
  /** The last seq read (or `after` when there is none). */
  lastSeq: number;
  rows: Map<SourceName, Set<string> | 'all'>;
  entries: number;
};

/**
 * The entries after `after`, folded per source, with the meta row. Call it inside the read
 * transaction that reads the rows, so the rows and the seq agree.
 */
export async function journalChangesAfter(db: CrmDatabase, after: number): Promise<JournalChanges> {
  const [meta, entries] = await Promise.all([
    db.reports_journal.get(JOURNAL_META_SEQ),
    db.reports_journal.where(':id').above(Math.max(after, JOURNAL_META_SEQ)).toArray(),
  ]);
  const rows = new Map<SourceName, Set<string> | 'all'>();
  let lastSeq = after;
  for (const entry of entries as ReportsJournalWrite[]) {
    lastSeq = Math.max(lastSeq, entry.seq ?? 0);
    const source = SOURCE_OF_TABLE.get(entry.table);
    if (!source) continue;
    const known = rows.get(source);
    if (known === 'all') continue;
    if (entry.keys === null) {
      rows.set(source, 'all');
      continue;
    }
    const keys = known ?? new Set<string>();
    for (const key of entry.keys) keys.add(key);
    rows.set(source, keys);
  }
  return { meta: isJournalMeta(meta) ? meta : null, lastSeq, rows, entries: entries.length };
}

/** The newest seq written (inside the caller's transaction): the last key, or the trim. */
export async function lastJournalSeq(db: CrmDatabase): Promise<number> {
  const [meta, last] = await Promise.all([
    db.reports_journal.get(JOURNAL_META_SEQ),
    db.reports_journal.orderBy(':id').lastKey(),
  ]);
  return Math.max(Number(last ?? 0), isJournalMeta(meta) ? meta.trimmed_through : 0);
}

/**
 * Deletes the entries a snapshot covers (1..through) and records it in the meta row; nothing
 * when the journal is another generation than the snapshot's (it started over since).
 */
export async function trimJournal(
  db: CrmDatabase,
  through: number,
  generation: string,
): Promise<void> {
  await db.transaction('rw', db.reports_journal, async () => {
    const meta = await db.reports_journal.get(JOURNAL_META_SEQ);
    if (!isJournalMeta(meta) || meta.generation !== generation) return;
    if (meta.trimmed_through >= through) return;
    await db.reports_journal.where(':id').between(JOURNAL_META_SEQ, through, false, true).delete();
    await db.reports_journal.put({ ...meta, trimmed_through: through });
  });
}
