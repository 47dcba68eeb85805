/** What each backed-up table is called in the restore preview, in the order shown. */
export const TABLE_LABELS: readonly (readonly [table: string, label: string])[] = [
  ['customer_profiles', 'Customers'],
  ['customer_emails', 'Emails'],
  ['customer_phones', 'Phone numbers'],
  ['customer_engagement_metrics', 'Touchpoints'],
  ['customer_relationships', 'Relationships'],
  ['event_deals', 'Deals'],
  ['deal_participants', 'Deal participants'],
  ['deal_status_history', 'Deal status changes'],
  ['deal_pipeline', 'Pipeline stages'],
  ['crm_tasks', 'Tasks'],
  ['crm_task_assignments', 'Task assignments'],
  ['team_members', 'Team members'],
  ['import_jobs', 'Imports (history)'],
  ['import_job_chunks', 'Import undo and error records'],
  ['saved_mappings', 'Saved column mappings'],
  ['app_settings', 'Settings'],
  ['sync_outbox', 'Changes not yet sent to the team'],
  ['sync_quarantine', 'Changes set aside (refused by the sync server)'],
  ['sync_state', 'Sync bookkeeping'],
];

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * What a restore means for the team, said in the preview (docs/backup.md, Sync): with sync on,
 * a restore is a local recovery. The team's changes since the backup are pulled again after
 * the restart and win where they are newer; a team lead who restores to undo a bad day for
 * everyone would otherwise expect the server to go back too. Null when sync is off.
 */
export function restoreSyncNote(syncEnabled: boolean): string | null {
  if (!syncEnabled) return null;
  return 'Sync is on: after the restart, what your team changed since this backup is pulled in again, and their newer edits win. A restore brings back this computer\u2019s data; it does not roll back the team\u2019s.';
}
