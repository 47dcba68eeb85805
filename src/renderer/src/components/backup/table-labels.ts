/**
 * What each backed-up table is called in the restore preview, in the order shown. Only tables
 * whose number means something to a person are counted; `sync_state` (one row: where this
 * computer stood with the team) is said in words by `previewRows`.
 */
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
];

export type PreviewRow = { table: string; label: string; value: string };

/**
 * The rows of "What the backup holds": a count per table that has rows, in user words. The
 * sync position is not a count a person can use ("Sync bookkeeping 3" meant nothing to a
 * reviewer): it is said in words, without a number.
 */
export function previewRows(counts: Readonly<Record<string, number>>): PreviewRow[] {
  const rows: PreviewRow[] = TABLE_LABELS.filter(([table]) => (counts[table] ?? 0) > 0).map(
    ([table, label]) => ({ table, label, value: (counts[table] ?? 0).toLocaleString() }),
  );
  // Every database holds a few of these records (clocks, how far it had pulled): a number
  // that says nothing to a person. What it means for them is that sync resumes from there.
  if ((counts.sync_state ?? 0) > 0)
    rows.push({ table: 'sync_state', label: 'How far sync had got', value: 'Included' });
  return rows;
}

/**
 * The restore dialog's subtitle: what the file is, once the check has read its header ("Backup
 * of 7 Dec 2026, 09:12, encore-crm-backup-….ndjson"); the file name alone while it is checked.
 */
export function restoreSubtitle(fileName: string, createdAt?: string): string {
  return createdAt ? `Backup of ${formatWhen(createdAt)}, ${fileName}` : fileName;
}

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
