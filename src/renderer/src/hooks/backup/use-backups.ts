import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import {
  BACKUP_SETTING_KEYS,
  DEFAULT_BACKUPS_KEPT,
  type LastBackup,
} from '../../services/crm/backup/backup-service';
import { readSetting } from '../../services/crm/settings/settings-service';

/** The last backup that finished on this computer (any kind), null before the first. */
export function useLastBackup(): LastBackup | null | undefined {
  return useLiveQuery(
    () => readSetting<LastBackup | null>(getDb(), BACKUP_SETTING_KEYS.lastBackup, null),
    [],
  );
}

/** How many automatic backups the desktop app keeps. */
export function useBackupsKept(): number {
  return (
    useLiveQuery(() => readSetting(getDb(), BACKUP_SETTING_KEYS.keep, DEFAULT_BACKUPS_KEPT), []) ??
    DEFAULT_BACKUPS_KEPT
  );
}
