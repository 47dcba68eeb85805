/**
 * A restore is written into a second database first (the staging database, same schema, same
 * middlewares), never into the user's: a file that turns out damaged at its last line, a row
 * the guard refuses, a full disk or a closed window leave the user's data exactly as it was.
 * Only a complete, checked staging database is swapped in (restore-commit.ts).
 */
import Dexie from 'dexie';
import type { ByteSource } from '@shared/csv';
import { CrmDatabase } from '../../../db/database';
import { InvariantViolation } from '../../../db/guard-middleware';
import {
  BackupFileError,
  readBackup,
  type BackupSummary,
} from '../../../domain/backup/backup-reader';
import type { AppSetting, SyncStateEntry } from '../../../domain/records';
import { refuseNewerSchema } from './restore-preview';
import { rowProblem, writeRestoredChunk } from './restore-rows';
import { restoredSyncState } from './restore-sync';

export type StagingOptions = {
  stagingName: string;
  /** This device's sync_state now: its clocks must not go backwards. */
  deviceSyncState: readonly SyncStateEntry[];
  /**
   * Settings that describe this computer rather than the data (when it last backed up): kept
   * as they are here instead of taking the backup's.
   */
  deviceSettings?: readonly AppSetting[];
  newClientId: string;
  onProgress?: (bytesRead: number, size: number) => void;
  signal?: AbortSignal;
};

function isGuardRefusal(error: unknown): error is Error {
  const inner = (error as { inner?: unknown } | null)?.inner;
  return error instanceof InvariantViolation || inner instanceof InvariantViolation;
}

function guardMessage(error: Error): string {
  const inner = (error as { inner?: unknown }).inner;
  return inner instanceof Error ? inner.message : error.message;
}

/** Reads the whole file again (it may have changed since the preview) into the staging database. */
export async function restoreIntoStaging(
  source: ByteSource,
  options: StagingOptions,
): Promise<BackupSummary> {
  await Dexie.delete(options.stagingName);
  const staging = new CrmDatabase(options.stagingName);
  let table = '';
  try {
    await staging.open();
    const syncRows: SyncStateEntry[] = [];
    const summary = await readBackup(source, {
      onHeader: (header) => refuseNewerSchema(header, staging.verno),
      checkRow: (name, row) => rowProblem(staging, name, row),
      onChunk: async (chunk) => {
        table = chunk.table;
        // Adjusted and written at the end, with this device's clocks (restore-sync.ts).
        if (chunk.table === 'sync_state') syncRows.push(...(chunk.rows as SyncStateEntry[]));
        else await writeRestoredChunk(staging, chunk.table, chunk.rows);
      },
      onProgress: options.onProgress,
      signal: options.signal,
    });
    table = 'sync_state';
    await writeRestoredChunk(
      staging,
      'sync_state',
      restoredSyncState(syncRows, options.deviceSyncState, options.newClientId),
    );
    await checkStagedCounts(staging, summary);
    if (options.deviceSettings?.length)
      await writeRestoredChunk(staging, 'app_settings', [...options.deviceSettings]);
    staging.close();
    return summary;
  } catch (error) {
    staging.close();
    await Dexie.delete(options.stagingName).catch(() => undefined);
    if (isGuardRefusal(error))
      throw new BackupFileError(
        'refused',
        `This backup holds data Encore refuses (${table}): ${guardMessage(error)}. Nothing was changed.`,
      );
    throw error;
  }
}

/** Two rows with one key would be one row stored: the counts catch a file that repeats keys. */
async function checkStagedCounts(staging: CrmDatabase, summary: BackupSummary): Promise<void> {
  for (const [name, expected] of Object.entries(summary.counts)) {
    if (name === 'sync_state') continue;
    const stored = await staging.table(name).count();
    if (stored !== expected)
      throw new BackupFileError(
        'damaged',
        `This backup is damaged: it holds ${expected} ${name} rows but only ${stored} different ones. Nothing was changed.`,
      );
  }
}
