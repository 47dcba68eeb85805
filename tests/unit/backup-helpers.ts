/** Writing a backup to memory, restoring it into another database, and comparing databases. */
import Dexie from 'dexie';
import { bufferByteSource } from '@shared/csv';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  writeBackup,
  type WriteBackupOptions,
} from '../../src/renderer/src/services/crm/backup/backup-writer';
import {
  commitPendingRestore,
  type PendingRestore,
  type RestoreMarker,
} from '../../src/renderer/src/services/crm/backup/restore-commit';
import { restoreIntoStaging } from '../../src/renderer/src/services/crm/backup/restore-staging';
import type { SyncStateEntry } from '../../src/renderer/src/domain/records';

export function memorySink() {
  const parts: string[] = [];
  return {
    parts,
    append: async (text: string) => {
      parts.push(text);
    },
    bytes: () => new TextEncoder().encode(parts.join('')),
  };
}

export async function backupBytes(
  db: Dexie,
  options: Partial<WriteBackupOptions> = {},
): Promise<Uint8Array> {
  const sink = memorySink();
  await writeBackup(db, sink, { appVersion: '0.1.0-test', reason: 'manual', ...options });
  return sink.bytes();
}

export function memoryMarker(): RestoreMarker & { value: PendingRestore | null } {
  const marker = {
    value: null as PendingRestore | null,
    read: () => marker.value,
    write: (pending: PendingRestore) => {
      marker.value = pending;
    },
    clear: () => {
      marker.value = null;
    },
  };
  return marker;
}

let stagingCounter = 0;
export const stagingName = () => `encore-test-staging-${++stagingCounter}-${Math.random()}`;

/** The whole restore as the app runs it: stage the file, then swap it into `target`. */
export async function restoreBytes(
  target: CrmDatabase,
  bytes: Uint8Array,
  options: { deviceSyncState?: SyncStateEntry[]; newClientId?: string } = {},
): Promise<void> {
  const staging = stagingName();
  const summary = await restoreIntoStaging(bufferByteSource(bytes, 'backup.ndjson'), {
    stagingName: staging,
    deviceSyncState: options.deviceSyncState ?? (await target.sync_state.toArray()),
    newClientId: options.newClientId ?? 'client-after-restore',
    // As the backup service does: this computer's "last backup" stays.
    deviceSettings: (await target.app_settings.bulkGet(['last_backup'])).filter(
      (setting) => setting !== undefined,
    ),
  });
  const marker = memoryMarker();
  marker.write({
    staging,
    fileName: 'backup.ndjson',
    backupCreatedAt: summary.header.created_at,
    customers: summary.counts['customer_profiles'] ?? 0,
  });
  target.close();
  await commitPendingRestore(marker, target.name);
  await target.open();
}

/** Every table of a database, rows in key order: what "equal after restore" compares. */
export async function snapshot(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  // search_journal is derived: its seqs record the order rows were written, not the data.
  for (const table of db.tables)
    if (table.name !== 'search_journal') out[table.name] = await table.toArray();
  return out;
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await Dexie.getDatabaseNames()).includes(name);
}
