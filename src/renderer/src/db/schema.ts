/**
 * Every table, declared once. Add a new `version(n)` below the last one to change the
 * schema; never edit a shipped version (Dexie upgrades users' databases step by step).
 */
import type { SyncTableName } from '../../../shared/sync/tables';
import { SYNCED_TABLE_NAME_LIST } from '../../../shared/sync/table-names';

/**
 * Tables whose rows are shared through sync: every write to them is captured in the outbox.
 * Declared once, with each field's sync type, in src/shared/sync/tables.ts (the server reads
 * the same list; table-names.ts lists the names without zod, for the start path); db/synced-record-types.ts proves those types equal the records'.
 */
export const SYNCED_TABLES: readonly SyncTableName[] = SYNCED_TABLE_NAME_LIST;
export type SyncedTableName = SyncTableName;

/** Tables the customer list row is projected from. */
export const PROJECTION_INPUT_TABLES = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  // open_task_count: a task's customer_id and status feed the row.
  'crm_tasks',
] as const;

export const SCHEMA_V1 = {
  customer_profiles: 'id, updated_at, deleted, owner_id',
  customer_emails: 'id, customer_id, address_normalized',
  customer_phones: 'id, customer_id, e164',
  customer_engagement_metrics: 'id, customer_id, occurred_at',
  // The list "view": one row per live customer, indexed for every filter and sort.
  customers_crm_v:
    'customer_id, sort_name, *search_tokens, lifecycle, *tags, owner_id, email_opt_in, sms_opt_in, created_at, updated_at, last_touch_at',
  crm_tasks: 'id, customer_id, deal_id, status, due_at, updated_at',
  crm_task_assignments: 'id, task_id, member_id, [task_id+assignment_type]',
  event_deals: 'id, status, owner_id, event_date, updated_at, [status+rank]',
  deal_participants: 'id, deal_id, customer_id, [deleted+deal_id+role+customer_id]',
  deal_pipeline: 'id, order, status',
  deal_status_history: 'id, deal_id, changed_at',
  customer_relationships:
    'id, from_customer_id, to_customer_id, [from_customer_id+to_customer_id+type]',
  team_members: 'id, name',
  import_jobs: 'id, created_at, status',
  // Undo records and error rows of an import, one per written chunk: the job row stays small.
  import_job_chunks: 'id, job_id',
  saved_mappings: 'id, &header_signature',
  sync_outbox: '++seq, table, row_id, tx_id',
  sync_state: 'key',
  app_settings: 'key',
} as const;

/**
 * Version 2: the import's staging area. While a file is read, its rows' candidates are kept
 * here rather than in memory (a million rows would otherwise cost gigabytes), one record per
 * batch of rows, keyed by the import session and the batch's first row, so one session is one
 * key range. Local only: never synced, never projected.
 */
export const SCHEMA_V2 = {
  import_staging: '[session+row]',
} as const;

/**
 * Version 3: changes the sync server refused for their content (a control character, a
 * field it does not know), set aside so the rest of the outbox and the pull go on. Local
 * only; shown in Settings → Sync with Retry and Discard.
 */
export const SCHEMA_V3 = {
  sync_quarantine: '++id, row_id, customer_id',
} as const;

/**
 * Version 4: customer search moves out of IndexedDB into the search worker's in-memory index
 * (docs/search.md). The list view keeps only the indexes the unfiltered list reads (its key
 * and the four sort columns): the multi-entry `*search_tokens` and `*tags` indexes and the
 * filter indexes were most of each customer's write. `search_journal` records, in the same
 * transaction as each list-row rebuild or delete, which customer changed: the search index
 * catches up from it. Entry 0 holds the journal's generation and how far it was trimmed.
 * Local only: derived, never synced or backed up.
 */
export const SCHEMA_V4 = {
  customers_crm_v: 'customer_id, sort_name, created_at, updated_at, last_touch_at',
  search_journal: '++seq',
} as const;

/**
 * Version 5 (reports): the list row's engagement log-score, indexed so the unfiltered
 * customer list reads "most engaged first" from the index (with a search or filter, the
 * search engine sorts by it). The upgrade fills it from the touchpoints (database.ts).
 */
export const SCHEMA_V5 = {
  customers_crm_v: 'customer_id, sort_name, created_at, updated_at, last_touch_at, engagement_log',
} as const;

/**
 * Version 6 (duplicates, docs/duplicates.md): the synced "not a duplicate" pairs, and an
 * index on `merged_into` so a pull finds the merged-away customers whose children it must
 * move to their survivor (a tombstone without it is not in the index).
 */
export const SCHEMA_V6 = {
  customer_profiles: 'id, updated_at, deleted, owner_id, merged_into',
  duplicate_dismissals: 'id, customer_a, customer_b',
} as const;

/**
 * Version 7 (reports, docs/reports.md "The snapshot"): `reports_journal` records, in the same
 * transaction as each write to a table the reports read, which rows it wrote (one entry per
 * table and write: the table and the keys, or null for a range). The reports worker keeps a
 * snapshot of its inputs in `<db>-reports` and catches up from the entries after it; entry 0
 * holds the journal's generation and how far it was trimmed, and its absence means no
 * snapshot depends on the journal (nothing is journaled). Local only: derived, never synced or
 * backed up.
 */
export const SCHEMA_V7 = {
  reports_journal: '++seq',
} as const;

/**
 * Version 9 (issue 15, the write path): indexes nothing reads are dropped from the two
 * hottest customer tables. A profile's `updated_at`, `deleted` and `owner_id` and a phone's
 * `e164` were declared with version 1 for queries that moved to the list view and then to the
 * search worker (owner and lifecycle filters, phone search); no query of the app reads them
 * (Dexie refuses a query on an undeclared index, so every test that runs a read proves it),
 * and each was one more index entry written per customer (four of ~16; dev/record-costs.ts
 * measures what an entry costs). Upgrade: tests/unit/schema-v9-upgrade.test.ts. The rows are untouched: dropping an
 * index changes no record.
 */
export const SCHEMA_V9 = {
  customer_profiles: 'id, merged_into',
  customer_phones: 'id, customer_id',
} as const;

export type TableName =
  | keyof typeof SCHEMA_V1
  | keyof typeof SCHEMA_V2
  | keyof typeof SCHEMA_V3
  | keyof typeof SCHEMA_V4
  | keyof typeof SCHEMA_V5
  | keyof typeof SCHEMA_V6
  | keyof typeof SCHEMA_V7;
