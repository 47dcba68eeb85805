/**
 * What a backup does with each table, decided once per table. A test walks the real schema
 * (`db.tables`): a new table without a decision here fails it, so nobody adds data a backup
 * silently leaves out. The key order is the order tables are written and restored in.
 */
import type { TableName } from '../../../db/schema';

export type TableDecision = { backup: 'include' | 'exclude'; why: string };

const include = (why: string): TableDecision => ({ backup: 'include', why });
const exclude = (why: string): TableDecision => ({ backup: 'exclude', why });

export const TABLE_DECISIONS = {
  team_members: include('synced: who tasks and deals are assigned to'),
  // Before every child table: the email guard checks a same-address email's owner profile.
  customer_profiles: include('synced: the customers themselves'),
  customer_emails: include('synced'),
  customer_phones: include('synced'),
  customer_engagement_metrics: include('synced: touchpoints'),
  crm_tasks: include('synced'),
  crm_task_assignments: include('synced'),
  event_deals: include('synced'),
  deal_participants: include('synced'),
  deal_pipeline: include('synced: the stages a user may have renamed'),
  deal_status_history: include('synced'),
  customer_relationships: include('synced'),
  duplicate_dismissals: include('synced: pairs marked "not a duplicate"'),
  customers_crm_v: exclude(
    'derived: the list projection rebuilds every row while the customer tables are restored, with the code that reads them',
  ),
  search_journal: exclude(
    'derived: which list rows changed, for the search index; restoring the customer tables writes it again',
  ),
  reports_journal: exclude(
    'derived: which rows the reports must read again since their snapshot; a restored database starts a new journal and the reports rebuild',
  ),
  import_jobs: include('import history'),
  import_job_chunks: include("each import's undo records and error rows"),
  saved_mappings: include('column mappings the user saved'),
  import_staging: exclude(
    "transient: an import's candidates between reading a file and writing it; the import cannot resume without its file",
  ),
  app_settings: include('settings: default region, current user, sync server, backups kept'),
  sync_outbox: include(
    'changes not yet pushed to the team: restored as they were, so they are still sent',
  ),
  sync_quarantine: include(
    'changes the server refused, set aside with the reason: Settings > Sync still offers Retry and Discard after a restore',
  ),
  sync_state: include(
    'pull cursor and clock: restored so the team changes made since the backup are pulled; the client id is renewed (see docs/backup.md)',
  ),
} satisfies Record<TableName, TableDecision>;

/** Tables a backup holds, in the order they are written and restored. */
export const BACKED_UP_TABLES: readonly TableName[] = (
  Object.keys(TABLE_DECISIONS) as TableName[]
).filter((name) => TABLE_DECISIONS[name].backup === 'include');

export function decisionFor(table: string): TableDecision | undefined {
  return (TABLE_DECISIONS as Record<string, TableDecision>)[table];
}
