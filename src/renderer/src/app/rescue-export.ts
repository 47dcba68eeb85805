/**
 * "Export backup" on the error screens (storage gate, error boundary). The backup writer and
 * its file format load when the button is pressed: they are not on the start path.
 */
import { showError } from '../stores/toast-store';

export function exportRescueBackup(): Promise<void> {
  return import('./backup-export').then(
    ({ exportBackup }) => exportBackup(),
    (error: unknown) =>
      showError(
        `The backup could not start: ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
}
