/**
 * PGlite is one process's database: two processes opening one data folder (the server and
 * `admin.ts`, or two servers) each keep their own copy in memory and write it back over the
 * other's, and tokens or pushes vanish. So the folder carries a lock file naming the process
 * that has it open; another process is refused with what to do instead. A lock left by a
 * process that died (SIGKILL, a power cut) is taken over; so is one naming this very process
 * id (a container's server is pid 1 at every start).
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'encore-server.lock';

export class DataDirBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is open in another process (pid ${pid}): PGlite lets one ` +
        'process open it at a time. Stop that process first. While the server runs, invite ' +
        'people from the app (Settings → Team access), or run the server on PostgreSQL ' +
        '(DATABASE_URL), where the admin script can run beside it.',
    );
    this.name = 'DataDirBusy';
  }
}

/** Whether a process with this id runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock for this process; returns its release. Throws DataDirBusy. */
export function lockDataDir(
  dataDir: string,
  alive: (pid: number) => boolean = processAlive,
): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (holderOf(path) === process.pid) unlinkSync(path);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    if (holder !== null && holder !== process.pid && alive(holder))
      throw new DataDirBusy(dataDir, holder);
    // Left by a process that is gone (or half-written): take it over.
    try {
      unlinkSync(path);
    } catch {
      // Another process removed it first: try again.
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}

/**
 * Removes the folder's lock if it names this process: a PGlite worker thread that died held it
 * for the process (pglite-thread.ts), and its release never ran. Another process's lock stays.
 */
export function releaseOwnDataDirLock(dataDir: string): void {
  const path = join(dataDir, LOCK_FILE);
  if (holderOf(path) !== process.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
