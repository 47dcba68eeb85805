/**
 * Swapping a complete staging database in. IndexedDB cannot rename a database, so the swap is
 * a copy: the user's tables are cleared and refilled from staging, a chunk per transaction.
 * It runs at start-up, before the app opens its database (no live query, worker or sync sees
 * a half-copied table), and a marker written before the reload says it is due: a copy cut
 * off by a crash or a closed window is simply done again, from the start, on the next launch.
 * The staging database is deleted only after the marker, so it is there for every retry.
 */
import Dexie from 'dexie';
import { CrmDatabase } from '../../../db/database';
import { readInChunks } from './backup-writer';
import type { PendingRestore, RestoreMarker } from './restore-marker';

// The marker lives apart (the start reads it without loading this module).
export { storageMarker, type PendingRestore, type RestoreMarker } from './restore-marker';

export const STAGING_DATABASE = 'encore-crm-restore';

export type CommitProgress = { table: string; tablesDone: number; tables: number };

const COPY_CHUNK_ROWS = 2000;

async function copyTables(
  source: Dexie,
  target: Dexie,
  onProgress?: (progress: CommitProgress) => void,
): Promise<void> {
  const sourceTables = new Set(source.tables.map((table) => table.name));
  const tables = target.tables;
  for (const [index, table] of tables.entries()) {
    onProgress?.({ table: table.name, tablesDone: index, tables: tables.length });
    await table.clear();
    if (!sourceTables.has(table.name)) continue;
    for await (const rows of readInChunks(source.table(table.name), COPY_CHUNK_ROWS))
      await target.transaction('rw', table, () => table.bulkPut(rows));
  }
}

async function removeLeftoverStaging(): Promise<void> {
  if ((await Dexie.getDatabaseNames()).includes(STAGING_DATABASE))
    await Dexie.delete(STAGING_DATABASE);
}

/**
 * Finishes a restore the marker says is due; null when none is. Also removes a staging
 * database left by a restore that never got as far as its marker (a closed window).
 */
export async function commitPendingRestore(
  marker: RestoreMarker,
  targetName: string,
  onProgress?: (progress: CommitProgress) => void,
): Promise<PendingRestore | null> {
  const pending = marker.read();
  if (!pending) {
    // Tidying only: a storage that fails here is for the app's own open to report.
    await removeLeftoverStaging().catch(() => undefined);
    return null;
  }
  if (!(await Dexie.getDatabaseNames()).includes(pending.staging)) {
    marker.clear();
    throw new Error(
      'A restore was due but its copy of the backup is gone (the browser may have cleared it). Nothing was changed: restore the file again.',
    );
  }
  // The user's database at the app's schema first (it may be older), so its tables match.
  const current = new CrmDatabase(targetName);
  await current.open();
  current.close();
  // Plain connections: the rows were checked when staged, and are copied exactly.
  const source = new Dexie(pending.staging);
  const target = new Dexie(targetName);
  try {
    await source.open();
    await target.open();
    await copyTables(source, target, onProgress);
  } finally {
    source.close();
    target.close();
  }
  marker.clear();
  await Dexie.delete(pending.staging);
  return pending;
}
