/**
 * Backups and restore, bound to a database. A backup streams every table a user would miss
 * into a sink (a file in the backups folder, a save dialog's file, a download); a restore
 * checks a file, then stages it in a second database that a restart swaps in. See
 * docs/backup.md for the format and the reasons behind each choice.
 */
import type { ByteSource } from '@shared/csv';
import type { CrmDatabase } from '../../../db/database';
import { newId } from '../../../domain/ids';
import { writeBackup, type BackupSink, type WriteBackupOptions } from './backup-writer';
import { inspectBackup, type RestorePreview } from './restore-preview';
import { STAGING_DATABASE, type PendingRestore } from './restore-commit';
import { restoreIntoStaging } from './restore-staging';

export const BACKUP_SETTING_KEYS = {
  /** The last backup that finished: { at, location, reason }. */
  lastBackup: 'last_backup',
  /** How many automatic backups the desktop app keeps. */
  keep: 'backups_keep',
} as const;

export const DEFAULT_BACKUPS_KEPT = 14;

export type LastBackup = { at: string; location: string; reason: string };

export function createBackupService(db: CrmDatabase) {
  return {
    write: (sink: BackupSink, options: WriteBackupOptions) => writeBackup(db, sink, options),

    /** Pass one: checks the whole file and says what it holds; changes nothing. */
    inspect: (
      source: ByteSource,
      options?: { onProgress?: (read: number, size: number) => void; signal?: AbortSignal },
    ): Promise<RestorePreview> => inspectBackup(db, source, options),

    /**
     * Pass two: the file into the staging database (guard on every row). Returns what a
     * restart needs to swap it in; the user's database is untouched.
     */
    async stage(
      source: ByteSource,
      preview: RestorePreview,
      options: { onProgress?: (read: number, size: number) => void; signal?: AbortSignal } = {},
    ): Promise<PendingRestore> {
      await restoreIntoStaging(source, {
        stagingName: STAGING_DATABASE,
        deviceSyncState: await db.sync_state.toArray(),
        deviceSettings: (await db.app_settings.bulkGet([BACKUP_SETTING_KEYS.lastBackup])).filter(
          (setting) => setting !== undefined,
        ),
        newClientId: newId(),
        ...options,
      });
      return {
        staging: STAGING_DATABASE,
        fileName: source.name,
        backupCreatedAt: preview.header.created_at,
        customers: preview.counts['customer_profiles'] ?? 0,
      };
    },

    async lastBackup(): Promise<LastBackup | null> {
      const entry = await db.app_settings.get(BACKUP_SETTING_KEYS.lastBackup);
      return (entry?.value as LastBackup | undefined) ?? null;
    },
    async recordBackup(backup: LastBackup): Promise<void> {
      await db.app_settings.put({ key: BACKUP_SETTING_KEYS.lastBackup, value: backup });
    },
    async keepCount(): Promise<number> {
      const entry = await db.app_settings.get(BACKUP_SETTING_KEYS.keep);
      return typeof entry?.value === 'number' ? entry.value : DEFAULT_BACKUPS_KEPT;
    },
    async setKeepCount(keep: number): Promise<void> {
      if (!Number.isInteger(keep) || keep < 1 || keep > 365)
        throw new Error('Keep between 1 and 365 backups');
      await db.app_settings.put({ key: BACKUP_SETTING_KEYS.keep, value: keep });
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
