/**
 * Writing backups through the platform: the desktop app's backups folder (automatic and
 * "Back up now"), a save dialog (the rescue export when storage fails), or a download (the
 * browser). The database is read and written out a chunk at a time (services/crm/backup).
 */
import Dexie from 'dexie';
import { backupFileName, type BackupReason } from '@shared/backup/file-names';
import { DATABASE_NAME } from '../db/database';
import { getDb } from '../db/instance';
import { getPlatform } from '../platform';
import type { SaveSink } from '../platform/export-save-sink';
import { writeBackup, type BackupProgress } from '../services/crm/backup/backup-writer';
import { crm } from '../services/registry';
import { showError, showToast } from '../stores/toast-store';

export type BackupOutcome =
  | { status: 'saved'; location: string; counts: Record<string, number>; unreadable: string[] }
  | { status: 'cancelled' };

type BackUpOptions = {
  /** Another connection (the old schema before an upgrade, a database that will not open). */
  db?: Dexie;
  /** The rescue export: a save dialog even on the desktop, and unreadable tables skipped. */
  rescue?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
};

async function openSink(reason: BackupReason, rescue: boolean): Promise<SaveSink | null> {
  const platform = getPlatform();
  if (platform.backups && !rescue) return platform.backups.begin(reason);
  return platform.beginSave({
    suggestedName: backupFileName(new Date(), reason),
    mimeType: 'application/x-ndjson',
  });
}

export async function backUp(
  reason: BackupReason,
  options: BackUpOptions = {},
): Promise<BackupOutcome> {
  const platform = getPlatform();
  const sink = await openSink(reason, options.rescue ?? false);
  if (!sink) return { status: 'cancelled' };
  let result;
  try {
    const { version } = await platform.appInfo();
    result = await writeBackup(options.db ?? getDb(), sink, {
      appVersion: version,
      reason,
      bestEffort: options.rescue,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw error;
  }
  const saved = await sink.finish();
  if (saved.status !== 'saved') return { status: 'cancelled' };
  // Only with the app's own database: another connection means it is not open yet.
  if (!options.rescue && !options.db) await afterBackup(saved.location, reason, result.createdAt);
  return { status: 'saved', location: saved.location, ...result };
}

/** Remembered for Settings, and the folder pruned; neither failing undoes the backup. */
async function afterBackup(location: string, reason: BackupReason, at: string): Promise<void> {
  const backups = getPlatform().backups;
  try {
    await crm().backup.recordBackup({ at, location, reason });
    if (backups) await backups.prune(await crm().backup.keepCount());
  } catch (error) {
    console.warn('The backup was written; keeping its record or pruning failed:', error);
  }
}

/** The app's database if it opens, else a plain connection to whatever schema is stored. */
async function readableDatabase(): Promise<Dexie> {
  try {
    return await getDb().open();
  } catch {
    const plain = new Dexie(DATABASE_NAME);
    await plain.open();
    return plain;
  }
}

/**
 * The way out when storage fails (quota, a broken backing store, a newer schema): every table
 * that can still be read, to a file the user chooses (a download in the browser).
 */
export async function exportBackup(): Promise<void> {
  try {
    const outcome = await backUp('rescue', { db: await readableDatabase(), rescue: true });
    if (outcome.status !== 'saved') return;
    const partial =
      outcome.unreadable.length > 0 ? ` (could not read: ${outcome.unreadable.join(', ')})` : '';
    showToast(`Backup saved to ${outcome.location}${partial}`);
  } catch (error) {
    showError(
      `The backup could not be written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
