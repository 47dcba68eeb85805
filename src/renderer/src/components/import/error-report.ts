/**
 * Saving an import's error rows as a CSV file. Apart from the wizard's actions so the command
 * palette's import actions (loaded with the start page) do not pull the CSV reader in.
 */
import { getPlatform } from '../../platform';
import { showToast } from '../../stores/toast-store';

export async function downloadErrorReport(fileName: string, csv: string): Promise<void> {
  const name = `${fileName.replace(/\.[^.]+$/, '')}-import-errors.csv`.replace(
    /[/\\:*?"<>|]/g,
    '_',
  );
  const result = await getPlatform().saveTextFile({
    suggestedName: name,
    mimeType: 'text/csv',
    content: `\uFEFF${csv}`,
  });
  if (result.status === 'saved') showToast(`Error report saved: ${result.location}`);
}
