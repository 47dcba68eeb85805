/** When the desktop app writes its automatic backup: once a day, counted from the newest one. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Due when there is no backup yet, when the newest is a day old, or when its time is in the
 * future (a clock that was wrong, then fixed, must not stop backups for days).
 */
export function isBackupDue(newestAt: string | null, now: Date): boolean {
  if (!newestAt) return true;
  const newest = Date.parse(newestAt);
  if (Number.isNaN(newest)) return true;
  const age = now.getTime() - newest;
  return age >= BACKUP_INTERVAL_MS || age < -60_000;
}

/**
 * The Dexie schema version of a stored database from its IndexedDB version (Dexie stores
 * version n as n * 10, and may add one when it repairs an index), or null when none exists.
 */
export function schemaVersionOf(indexedDbVersion: number | undefined): number | null {
  return indexedDbVersion && indexedDbVersion > 0 ? Math.floor(indexedDbVersion / 10) : null;
}
