/**
 * A full JSON backup of the user's data: the way out when storage fails (quota, a broken
 * backing store) and a plain copy a person can keep. Reads table by table so that one
 * unreadable table still leaves the others exportable.
 */
import type { CrmDatabase } from '../../db/database';
import { SYNCED_TABLES } from '../../db/schema';

export type Backup = {
  format: 'encore-crm-backup';
  version: 1;
  exported_at: string;
  tables: Record<string, unknown[]>;
  unreadable: string[];
};

export async function buildBackup(db: CrmDatabase): Promise<Backup> {
  const tables: Record<string, unknown[]> = {};
  const unreadable: string[] = [];
  for (const name of [...SYNCED_TABLES, 'app_settings']) {
    try {
      tables[name] = await db.table(name).toArray();
    } catch {
      unreadable.push(name);
    }
  }
  return {
    format: 'encore-crm-backup',
    version: 1,
    exported_at: new Date().toISOString(),
    tables,
    unreadable,
  };
}

export function backupFileName(at = new Date()): string {
  return `encore-crm-backup-${at.toISOString().slice(0, 10)}.json`;
}
