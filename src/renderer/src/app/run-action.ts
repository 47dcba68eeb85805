import { showError } from '../stores/toast-store';
import { exportBackup } from './backup-export';
import { describeStorageError, isQuotaError } from './storage-errors';

/**
 * Runs a write started by the user. Failures become a visible message, never a silent
 * console error; a full disk offers the backup export right there.
 */
export async function runAction<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (isQuotaError(error)) {
      showError(describeStorageError(error).title + ': nothing was saved.', {
        label: 'Export backup',
        run: exportBackup,
      });
    } else {
      showError(error instanceof Error ? error.message : String(error));
    }
    return undefined;
  }
}
