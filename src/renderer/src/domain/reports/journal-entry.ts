/**
 * reports_journal (schema version 7): which rows of the tables the reports read were written,
 * one entry per table and write, in the write's transaction. Entry 0 is the meta row.
 */

/** The tables whose writes are journaled: the reports' sources (report-source-tables.ts). */
export const JOURNALED_TABLES: readonly string[] = [
  'event_deals',
  'deal_status_history',
  'deal_participants',
  'team_members',
  'customers_crm_v',
  'customer_engagement_metrics',
  'crm_tasks',
  'crm_task_assignments',
];

export type ReportsJournalWrite = {
  seq?: number;
  table: string;
  /** The primary keys written (strings); null: a range was deleted, read the table whole. */
  keys: string[] | null;
};

export type ReportsJournalMeta = {
  seq: 0;
  table: '';
  keys: [];
  /** A fresh random id whenever the journal starts: a snapshot of another one is stale. */
  generation: string;
  /** Entries up to this seq were deleted (a snapshot covers them). */
  trimmed_through: number;
};

export type ReportsJournalEntry = ReportsJournalWrite | ReportsJournalMeta;

export const JOURNAL_META_SEQ = 0;

export function isJournalMeta(entry: unknown): entry is ReportsJournalMeta {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (entry as ReportsJournalMeta).seq === JOURNAL_META_SEQ &&
    typeof (entry as ReportsJournalMeta).generation === 'string'
  );
}
