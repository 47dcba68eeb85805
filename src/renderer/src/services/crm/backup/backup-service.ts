/**
 * Backups and restore, bound to a database. A backup streams every table a user would miss
 * into a sink (a file in the backups folder, a save dialog's file, a download); a restore
 * checks a file, then stages it in a second database that a restart swaps in. See
 * docs/backup.md for the format and the reasons behind each choice.
 */
import type { ByteSource } from '@shared/csv';
import type { CrmDatabase } from '../../../db/database';
import { readSetting, SETTINGS, writeSetting, type LastBackup } from '../../../db/app-settings';
import { newId } from '../../../domain/ids';
import { writeBackup, type BackupSink, type WriteBackupOptions } from './backup-writer';
import { inspectBackup, type RestorePreview } from './restore-preview';
import { STAGING_DATABASE, type PendingRestore } from './restore-commit';
import { restoreIntoStaging } from './restore-staging';

export type { LastBackup } from '../../../db/app-settings';

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
        deviceSettings: (await db.app_settings.bulkGet([SETTINGS.lastBackup.key])).filter(
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

    lastBackup: () => readSetting(db, 'lastBackup'),
    recordBackup: (backup: LastBackup) => writeSetting(db, 'lastBackup', backup),
    keepCount: () => readSetting(db, 'backupsKept'),
    async setKeepCount(keep: number): Promise<void> {
      if (!Number.isInteger(keep) || keep < 1 || keep > 365)
        throw new Error('Keep between 1 and 365 backups');
      await writeSetting(db, 'backupsKept', keep);
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
