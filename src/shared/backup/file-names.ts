/**
 * Names of backup files, shared by the renderer (downloads) and main (the automatic backups
 * folder, which it lists and prunes by these names only, so nothing else there is touched).
 */
export const BACKUP_REASONS = [
  'manual',
  'daily',
  'before-upgrade',
  'before-restore',
  'rescue',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_EXTENSION = 'ndjson';

/** "encore-crm-backup-2026-11-27-093015-daily.ndjson", in the local time the user reads. */
export function backupFileName(at: Date, reason: BackupReason = 'manual'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `encore-crm-backup-${date}-${time}-${reason}.${BACKUP_EXTENSION}`;
}

const BACKUP_NAME = new RegExp(
  `^encore-crm-backup-\\d{4}-\\d{2}-\\d{2}-\\d{6}(?:-\\d+)?-(?:${BACKUP_REASONS.join('|')})\\.${BACKUP_EXTENSION}$`,
);

/** True for a finished backup this app wrote (not a `.partial`, not a file the user put there). */
export function isBackupFileName(name: string): boolean {
  return BACKUP_NAME.test(name);
}
