/**
 * A running import holds a Web Lock named after its job, in whichever tab or worker writes it.
 * A window starting up marks "running" jobs as interrupted only when nobody holds their lock:
 * a second tab must not call another tab's import interrupted. Web Locks exist in Chromium and
 * Electron (windows and workers); where they do not (Node tests), no lock is held or seen and
 * every "running" job found at start-up counts as cut off, as before.
 */
type LockManagerLike = {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
};

function lockManager(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

export function importLockName(jobId: string): string {
  return `encore-import:${jobId}`;
}

/** Resolves once the lock named `name` is held, with the function that lets it go. */
export function holdLock(name: string): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((acquired) => {
    void locks.request(name, () => new Promise<void>((release) => acquired(release)));
  });
}

/**
 * What follows `prefix` in the names of the locks some tab or worker holds; null where there
 * are no Web Locks (nobody can tell who is alive).
 */
export async function heldLockSuffixes(prefix: string): Promise<Set<string> | null> {
  const locks = lockManager();
  if (!locks) return null;
  const { held = [] } = await locks.query();
  return new Set(
    held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])),
  );
}

/** Resolves once the job's lock is held, with the function that lets it go. */
export function holdImportLock(jobId: string): Promise<() => void> {
  return holdLock(importLockName(jobId));
}

/** The jobs some tab or worker is writing right now. */
export async function jobsBeingWritten(): Promise<Set<string>> {
  return (await heldLockSuffixes(importLockName(''))) ?? new Set();
}

/**
 * Bulk writes (an import writing its chunks, the demo seed) hold a lock named after the
 * database while they write, so the app's other readers (the search index's catch-up, the
 * dashboard's reload, the duplicates refresh), in any window or worker, can wait for the end
 * instead of waking on every chunk (defer-while-importing.ts). Names are unique per writer.
 */
function bulkWritePrefix(databaseName: string): string {
  return `encore-bulk-write:${databaseName}:`;
}

/** Resolves once this writer's lock is held, with the function that lets it go. */
export function holdBulkWriteLock(databaseName: string, writer: string): Promise<() => void> {
  return holdLock(bulkWritePrefix(databaseName) + writer);
}

/** Whether some window or worker is bulk-writing `databaseName` now (false without Web Locks). */
export async function bulkWriteInProgress(databaseName: string): Promise<boolean> {
  const held = await heldLockSuffixes(bulkWritePrefix(databaseName));
  return held !== null && held.size > 0;
}
