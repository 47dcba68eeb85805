/**
 * When the desktop app backs up by itself: once a day while it runs (checked at start-up and
 * every hour), and before its database is upgraded to a new schema. The browser has no data
 * folder to keep them in; Settings says so.
 */
import Dexie from 'dexie';
import { DATABASE_NAME } from '../db/database';
import { getDb } from '../db/instance';
import { isBackupDue, schemaVersionOf } from '../domain/backup/schedule';
import { getPlatform } from '../platform';
import { currentHoldings } from '../services/crm/backup/restore-preview';
import { backUp } from './backup-export';

let running: Promise<unknown> | null = null;

/** One automatic backup at a time, whoever asks. */
function once<T>(run: () => Promise<T>): Promise<T> {
  const next = (running ?? Promise.resolve()).then(run, run);
  running = next.finally(() => {
    if (running === next) running = null;
  });
  return next;
}

export function runDailyBackupIfDue(
  now: () => Date = () => new Date(),
): Promise<'written' | 'not-due' | 'empty' | 'unavailable'> {
  return once(async () => {
    const backups = getPlatform().backups;
    if (!backups) return 'unavailable';
    const [newest] = await backups.list();
    if (!isBackupDue(newest?.modifiedAt ?? null, now())) return 'not-due';
    // A new install has nothing to keep yet.
    if ((await currentHoldings(getDb())).records === 0) return 'empty';
    await backUp('daily');
    return 'written';
  });
}

/** Null when there is none, or storage cannot say (the app's own open then reports why). */
async function storedSchemaVersion(): Promise<number | null> {
  try {
    const databases = (await indexedDB.databases?.()) ?? [];
    return schemaVersionOf(databases.find((info) => info.name === DATABASE_NAME)?.version);
  } catch {
    return null;
  }
}

async function holdsData(db: Dexie): Promise<boolean> {
  for (const table of db.tables) if ((await table.count()) > 0) return true;
  return false;
}

/**
 * Before the app opens (and so upgrades) its database: when the stored database has an older
 * schema than this code and holds anything, back it up as it is, read with a plain connection
 * at its own version. Returns whether it wrote one.
 */
export async function backupBeforeUpgrade(onStart?: () => void): Promise<boolean> {
  if (!getPlatform().backups) return false;
  const stored = await storedSchemaVersion();
  if (stored === null || stored >= getDb().verno) return false;
  const old = new Dexie(DATABASE_NAME);
  try {
    await old.open();
    if (!(await holdsData(old))) return false;
    onStart?.();
    return await once(async () => (await backUp('before-upgrade', { db: old })).status === 'saved');
  } finally {
    old.close();
  }
}
