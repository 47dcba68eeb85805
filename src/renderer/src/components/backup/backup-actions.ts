/**
 * Backups, as actions (app/actions). The backup and restore code loads when an action runs:
 * the actions' registry is on the start path, the backup writer and its format are not.
 */
import { defineAction } from '../../app/actions/define';
import type { BackupProgress } from '../../services/crm/backup/backup-writer';
import { fail, ok } from '../../domain/result';
import { getPlatform } from '../../platform';
import { crm } from '../../services/registry';

/** "Back up now": the backups folder on the desktop, a download in the browser. */
export const backUpNow = defineAction<{ onProgress?: (progress: BackupProgress) => void } | void>({
  id: 'back-up-now',
  label: 'Back up now',
  perform: async (params) => {
    try {
      const { backUp } = await import('../../app/backup-export');
      const outcome = await backUp('manual', { onProgress: params?.onProgress });
      return outcome.status === 'saved'
        ? { ...ok(), message: `Backup saved to ${outcome.location}` }
        : ok();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(`The backup could not be written: ${reason}`);
    }
  },
});

export const pickBackupFile = defineAction({
  id: 'pick-backup-file',
  label: 'Restore from a backup file',
  perform: async () => ok(await (await import('../../app/backup-restore')).chooseBackupFile()),
});

export const showBackupFolder = defineAction({
  id: 'show-backups',
  label: 'Show the backups folder',
  enabled: () => getPlatform().backups !== undefined,
  perform: () => getPlatform().backups?.show(),
});

export const setBackupsKept = defineAction<number>({
  id: 'set-backups-kept',
  label: 'Change how many backups are kept',
  perform: (keep) => crm().backup.setKeepCount(keep),
});

export const backupActions = [backUpNow];
