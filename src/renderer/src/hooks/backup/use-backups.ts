import { useLiveQuery } from 'dexie-react-hooks';
import { readSetting, SETTINGS, type LastBackup } from '../../db/app-settings';
import { getDb } from '../../db/instance';

/** The last backup that finished on this computer (any kind), null before the first. */
export function useLastBackup(): LastBackup | null | undefined {
  return useLiveQuery(() => readSetting(getDb(), 'lastBackup'), []);
}

/** How many automatic backups the desktop app keeps. */
export function useBackupsKept(): number {
  return (
    useLiveQuery(() => readSetting(getDb(), 'backupsKept'), []) ?? SETTINGS.backupsKept.fallback
  );
}
