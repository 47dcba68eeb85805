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

/** Resolves once the lock is held, with the function that lets it go. */
export function holdImportLock(jobId: string): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((acquired) => {
    void locks.request(
      importLockName(jobId),
      () => new Promise<void>((release) => acquired(release)),
    );
  });
}

/** The jobs some tab or worker is writing right now. */
export async function jobsBeingWritten(): Promise<Set<string>> {
  const locks = lockManager();
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  const prefix = importLockName('');
  return new Set(
    held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])),
  );
}
