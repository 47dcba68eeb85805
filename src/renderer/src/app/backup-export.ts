import { getPlatform } from '../platform';
import { crm } from '../services/registry';
import { showError, showToast } from '../stores/toast-store';

/** Saves a JSON backup through the platform (save dialog in Electron, a download in the browser). */
export async function exportBackup(): Promise<void> {
  try {
    const backup = await crm().backup.build();
    const result = await getPlatform().saveTextFile({
      suggestedName: crm().backup.fileName(),
      mimeType: 'application/json',
      content: JSON.stringify(backup, null, 1),
    });
    if (result.status === 'saved') {
      const partial =
        backup.unreadable.length > 0 ? ` (could not read: ${backup.unreadable.join(', ')})` : '';
      showToast(`Backup saved to ${result.location}${partial}`);
    }
  } catch (error) {
    showError(
      `The backup could not be written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
