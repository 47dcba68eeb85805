/**
 * The first pass of a restore: read the whole file and check it (header, every row's key,
 * counts, checksum) without writing anything, and say what it holds beside what this
 * computer holds now, so the person can decide.
 */
import type Dexie from 'dexie';
import type { ByteSource } from '@shared/csv';
import type { BackupHeader } from '../../../domain/backup/backup-format';
import { BackupFileError, readBackup } from '../../../domain/backup/backup-reader';
import type { CrmDatabase } from '../../../db/database';
import { readSyncSettings } from '../../../sync/sync-adapter';
import { rowProblem } from './restore-rows';

export type RestorePreview = {
  fileName: string;
  fileSize: number;
  header: BackupHeader;
  /** Rows per table in the file. */
  counts: Record<string, number>;
  unreadable: string[];
  current: {
    /** Customers, deals, tasks and the like here now (live or not): 0 means an empty database. */
    records: number;
    customers: number;
    /** Changes made here that the team has not received: a restore replaces them. */
    unpushed: number;
    syncEnabled: boolean;
  };
};

export function refuseNewerSchema(header: BackupHeader, schemaVersion: number): void {
  if (header.schema_version > schemaVersion)
    throw new BackupFileError(
      'newer-format',
      `This backup was made by a newer version of Encore CRM (database version ${header.schema_version}; this one has ${schemaVersion}). Update Encore CRM, then restore it. Nothing was changed.`,
    );
}

/** Customer data tables: if all are empty there is nothing a restore could overwrite. */
const USER_DATA_TABLES = [
  'customer_profiles',
  'event_deals',
  'crm_tasks',
  'team_members',
  'import_jobs',
] as const;

export async function currentHoldings(db: CrmDatabase): Promise<RestorePreview['current']> {
  const counts = await Promise.all(USER_DATA_TABLES.map((name) => db.table(name).count()));
  return {
    records: counts.reduce((sum, n) => sum + n, 0),
    // Live customers are the ones with a list row.
    customers: await db.customers_crm_v.count(),
    unpushed: await db.sync_outbox.count(),
    syncEnabled: (await readSyncSettings(db)).enabled,
  };
}

export async function inspectBackup(
  db: CrmDatabase,
  source: ByteSource,
  options: { onProgress?: (bytesRead: number, size: number) => void; signal?: AbortSignal } = {},
): Promise<RestorePreview> {
  const summary = await readBackup(source, {
    onHeader: (header) => refuseNewerSchema(header, db.verno),
    checkRow: (table, row) => rowProblem(db as Dexie, table, row),
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return {
    fileName: source.name,
    fileSize: summary.fileSize,
    header: summary.header,
    counts: summary.counts,
    unreadable: summary.trailer.unreadable,
    current: await currentHoldings(db),
  };
}
