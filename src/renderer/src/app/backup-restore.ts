/**
 * Restoring from a backup file, as the Settings dialog runs it: pick a file, check it whole
 * (the preview), then on confirmation stage it and restart, which swaps it in before the app
 * opens its database (services/crm/backup/restore-commit.ts).
 */
import type { ByteSource } from '@shared/csv';
import { DATABASE_NAME } from '../db/database';
import { getPlatform } from '../platform';
import {
  commitPendingRestore,
  storageMarker,
  type CommitProgress,
  type PendingRestore,
} from '../services/crm/backup/restore-commit';
import type { RestorePreview } from '../services/crm/backup/restore-preview';
import { jobsBeingWritten } from '../services/crm/import/import-locks';
import { crm } from '../services/registry';
import { backUp } from './backup-export';

export type RestorePhase = 'safety-backup' | 'staging' | 'restarting';

export function chooseBackupFile(): Promise<ByteSource | null> {
  return getPlatform().openBackupFile();
}

export function previewRestore(
  source: ByteSource,
  options: { onProgress?: (read: number, size: number) => void; signal?: AbortSignal } = {},
): Promise<RestorePreview> {
  return crm().backup.inspect(source, options);
}

/**
 * Stages the file and restarts the app into it. Refused while an import is being written (it
 * would keep writing into the data being replaced). On the desktop, data already here is
 * backed up first, into the backups folder, so even a confirmed restore can be undone.
 */
export async function restoreAndRestart(
  source: ByteSource,
  preview: RestorePreview,
  options: {
    onPhase?: (phase: RestorePhase) => void;
    onProgress?: (read: number, size: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<void> {
  if ((await jobsBeingWritten()).size > 0)
    throw new Error(
      'An import is being written. Let it finish or cancel it, then restore. Nothing was changed.',
    );
  if (preview.current.records > 0 && getPlatform().backups) {
    options.onPhase?.('safety-backup');
    await backUp('before-restore', { signal: options.signal });
  }
  options.onPhase?.('staging');
  const pending = await crm().backup.stage(source, preview, options);
  storageMarker(localStorage).write(pending);
  options.onPhase?.('restarting');
  await source.close?.().catch(() => undefined);
  window.location.reload();
}

/** At start-up, before the database opens: swaps in a staged restore if one is due. */
export function finishPendingRestore(
  onProgress?: (progress: CommitProgress) => void,
): Promise<PendingRestore | null> {
  return commitPendingRestore(storageMarker(localStorage), DATABASE_NAME, onProgress);
}
