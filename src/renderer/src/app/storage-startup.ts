/**
 * What happens before the app opens its database, in order: a backup of the stored database
 * when this version of the app is about to upgrade its schema (desktop), the swap of a
 * restore staged before the last restart, then the open itself.
 */
import { getDb } from '../db/instance';
import { getPlatform } from '../platform';
import { hasPendingRestore } from '../services/crm/backup/restore-marker';
import { showToast } from '../stores/toast-store';
import { describeStorageError, type StorageProblem } from './storage-errors';

export type StartupProblem = StorageProblem & {
  /** The backup before an upgrade failed: the user may go on without it. */
  canSkipBackup?: boolean;
};

export class StartupError extends Error {
  constructor(readonly problem: StartupProblem) {
    super(problem.title);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

type OpenOptions = { skipUpgradeBackup: boolean; onWork: (text: string) => void };

let started: {
  attempt: number;
  done: Promise<void>;
  onWork: (text: string) => void;
  lastWork: string | null;
} | null = null;

/**
 * Runs once per attempt, however often it is asked (React runs effects twice in development):
 * two copies of a restore's swap must never run side by side.
 */
export function openStorage(attempt: number, options: OpenOptions): Promise<void> {
  if (started?.attempt === attempt) {
    // Asked again (the gate, after app/boot.ts started the opening): it shows the work now.
    started.onWork = options.onWork;
    if (started.lastWork !== null) options.onWork(started.lastWork);
    return started.done;
  }
  const run = {
    attempt,
    onWork: options.onWork,
    lastWork: null as string | null,
    done: Promise.resolve(),
  };
  run.done = prepareAndOpen({
    ...options,
    onWork: (text) => {
      run.lastWork = text;
      run.onWork(text);
    },
  });
  started = run;
  return run.done;
}

async function prepareAndOpen(options: OpenOptions): Promise<void> {
  // The backup and restore code loads only when there is something to do: on the desktop
  // (backups) or with a restore staged; the browser's start never loads it.
  if (!options.skipUpgradeBackup && getPlatform().backups) {
    try {
      const { backupBeforeUpgrade } = await import('./backup-schedule');
      await backupBeforeUpgrade(() =>
        options.onWork('Backing up your data before this version updates it…'),
      );
    } catch (error) {
      throw new StartupError({
        title: 'Encore could not back up your data before updating it',
        detail: `${message(error)}. Your data is unchanged. Free some disk space and try again, or continue without this backup.`,
        canExport: true,
        canSkipBackup: true,
      });
    }
  }
  let restored = null;
  try {
    if (hasPendingRestore(localStorage))
      restored = await (
        await import('./backup-restore')
      ).finishPendingRestore(({ tablesDone, tables }) =>
        options.onWork(`Restoring your backup… ${Math.round((tablesDone / tables) * 100)}%`),
      );
  } catch (error) {
    throw new StartupError({
      title: 'The restore could not be finished',
      detail: `${message(error)}. Try again: the backup stays staged until the restore is complete.`,
      canExport: false,
    });
  }
  options.onWork('Opening your data…');
  try {
    performance.mark('encore:storage-open-start');
    await getDb().open();
    performance.mark('encore:storage-open');
  } catch (error) {
    throw new StartupError(describeStorageError(error));
  }
  if (restored) {
    const when = new Date(restored.backupCreatedAt).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    showToast(
      `Restored ${restored.customers.toLocaleString()} customers from the backup of ${when} (${restored.fileName})`,
    );
  }
}
