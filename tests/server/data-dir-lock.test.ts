/**
 * One process at a time in a PGlite data folder: the admin script run beside a server on the
 * same folder is refused with what to do, instead of each writing its copy over the other's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataDirBusy,
  LOCK_FILE,
  lockDataDir,
  releaseOwnDataDirLock,
} from '../../server/src/data-dir-lock';
import { pgliteDatabase } from '../../server/src/db';

const root = resolve(import.meta.dirname, '../..');
const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'encore-lock-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the PGlite data folder is one process’s', () => {
  it('is refused while a live process holds it, taken over when that process is gone', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '424242\n');
    expect(() => lockDataDir(dir, () => true)).toThrow(DataDirBusy);
    expect(() => lockDataDir(dir, () => true)).toThrow(/pid 424242.*Team access/);
    const release = lockDataDir(dir, () => false);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('a dead PGlite worker thread’s lock (this process’s) is released before the restart; another process’s stays', () => {
    const dir = folder();
    lockDataDir(dir); // as the worker thread takes it, for this process; its release never ran
    releaseOwnDataDirLock(dir);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), '424242\n');
    releaseOwnDataDirLock(dir);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    releaseOwnDataDirLock(folder()); // no lock: nothing to do
  });

  it('the admin script beside an open server database says so and changes nothing; after, it runs', async () => {
    const dir = folder();
    const env = { ...process.env, SYNC_DATA_DIR: dir, DATABASE_URL: '' };
    const admin = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/src/admin.ts', 'create-workspace', 'Night Owl', 'Ana'],
        { cwd: root, env, encoding: 'utf8' },
      );
    const db = await pgliteDatabase(dir);
    try {
      const refused = admin();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/open in another process \(pid \d+\)/);
      expect(refused.stdout).not.toMatch(/token/);
    } finally {
      await db.close();
    }
    const ran = admin();
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/^workspace \S+\ntoken\s+\S+/);
  }, 120_000);
});
