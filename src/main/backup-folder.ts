/**
 * The automatic backups folder, userData/backups. Main names each file (the renderer never
 * gives a path), lists and prunes only files named as this app names them, and writes through
 * the same temporary-file-and-rename save as exports.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { backupFileName, isBackupFileName, type BackupReason } from '../shared/backup/file-names';
import type { BackupFileInfo } from '../shared/ipc';
import { partialPathFor } from './export-save-sessions';

/** A `.partial` this old belongs to a backup cut off by a crash, not one being written. */
const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

export type BackupFolder = {
  readonly dir: string;
  /** A free path for a new backup (the folder is created if missing). */
  newBackupPath(reason: BackupReason): Promise<string>;
  list(): Promise<BackupFileInfo[]>;
  /** Keeps the newest `keep` backups; returns how many were deleted. */
  prune(keep: number): Promise<number>;
};

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export function createBackupFolder(dir: string, now: () => Date = () => new Date()): BackupFolder {
  async function entries(): Promise<{ name: string; size: number; mtimeMs: number }[]> {
    await mkdir(dir, { recursive: true });
    const names = await readdir(dir);
    const found = await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(dir, name)).catch(() => null);
        return info?.isFile() ? { name, size: info.size, mtimeMs: info.mtimeMs } : null;
      }),
    );
    return found.filter((entry) => entry !== null);
  }

  async function list(): Promise<BackupFileInfo[]> {
    return (await entries())
      .filter((entry) => isBackupFileName(entry.name))
      .sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name))
      .map((entry) => ({
        name: entry.name,
        size: entry.size,
        modifiedAt: new Date(entry.mtimeMs).toISOString(),
      }));
  }

  return {
    dir,
    async newBackupPath(reason) {
      await mkdir(dir, { recursive: true });
      const base = backupFileName(now(), reason);
      for (let n = 1; ; n += 1) {
        // Two backups in one second: "-2" before the reason keeps the name recognisable.
        const name = n === 1 ? base : base.replace(`-${reason}.`, `-${n}-${reason}.`);
        const path = join(dir, name);
        if (!(await exists(path)) && !(await exists(partialPathFor(path)))) return path;
      }
    },
    list,
    async prune(keep) {
      const backups = await list();
      const old = backups.slice(keep).map((backup) => backup.name);
      const cutoff = now().getTime() - STALE_PARTIAL_MS;
      const stale = (await entries())
        .filter(
          (entry) =>
            entry.name.endsWith('.partial') &&
            isBackupFileName(entry.name.slice(0, -'.partial'.length)) &&
            entry.mtimeMs < cutoff,
        )
        .map((entry) => entry.name);
      await Promise.all([...old, ...stale].map((name) => rm(join(dir, name), { force: true })));
      return old.length;
    },
  };
}
