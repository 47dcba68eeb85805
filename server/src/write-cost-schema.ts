/**
 * Migration 8: cheaper row writes for a push, nothing a query reads given up.
 *
 * - Each product table's pull index keys `(workspace_key, version)`, without the row id. Every
 *   row a push writes adds one entry to it; without the 10-to-128-byte id the key is 16 bytes,
 *   and the rows of one push (one version) share it, so the index keeps them as posting lists
 *   (B-tree deduplication) instead of one tuple each. The pull still reads each table's rows
 *   after the cursor in (version, id) order (server/src/pull.ts): the index gives them by
 *   version and the rows of one version (one push: at most the protocol's 500) are sorted by
 *   id as they come (an incremental sort), so a page reads only the versions it returns.
 * - `sync_batches.digests` is stored without compression (`STORAGE EXTERNAL`): 16 hex
 *   characters of a hash per change (8,000 characters for a push of 500) never compress by a
 *   quarter, so every push paid pglz's attempt (1.6 % of the database's CPU during pushes,
 *   `perf`) and stored the text as it was anyway. The bytes stored are the same.
 * - No planner statistics for the product tables' `data` and `clocks` jsonb columns
 *   (`SET STATISTICS 0`): autovacuum's ANALYZE sorted a sample of 30,000 jsonb values per
 *   table as the pushes filled it (14 % of the database's CPU in a push run, `perf`), for
 *   statistics no query of the server or the view uses (the view's lookups by customer read
 *   the customer index, whose expression keeps its own statistics).
 *
 * Measured beside the plain INSERT ceiling: docs/sync.md, "Push: what the database does beyond
 * the ceiling".
 */

/** The product tables when migration 8 was written. Frozen: a later table is created so. */
const PRODUCT_TABLES_OF_MIGRATION_8 = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'crm_task_assignments',
  'event_deals',
  'deal_participants',
  'deal_pipeline',
  'deal_status_history',
  'customer_relationships',
  'team_members',
  'duplicate_dismissals',
] as const;

export const WRITE_COST_MIGRATION = {
  id: 8,
  name: 'pull indexes without the row id, digests uncompressed, no statistics of jsonb columns',
  sql: [
    ...PRODUCT_TABLES_OF_MIGRATION_8.map(
      (name) => `DROP INDEX ${name}_pull_idx;
  CREATE INDEX ${name}_pull_idx ON ${name} (workspace_key, version);
  ALTER TABLE ${name} ALTER COLUMN data SET STATISTICS 0, ALTER COLUMN clocks SET STATISTICS 0;`,
    ),
    `ALTER TABLE sync_batches ALTER COLUMN digests SET STORAGE EXTERNAL;`,
  ].join('\n'),
};
