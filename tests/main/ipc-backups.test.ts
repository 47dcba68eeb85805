import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackupFolder } from '../../src/main/backup-folder';
import {
  createSaveSessions,
  MAX_SAVE_BYTES,
  openFileSaveTarget,
} from '../../src/main/export-save-sessions';
import { createIpcHandlers, type IpcDeps, type SenderFrame } from '../../src/main/ipc-handlers';
import { isBackupFileName } from '../../src/shared/backup/file-names';

const appFrame: SenderFrame = {
  url: 'app://encore/index.html#/settings',
  processId: 4,
  routingId: 1,
};
const strangerFrame: SenderFrame = { url: 'https://evil.example/', processId: 9, routingId: 3 };

let dir = '';
let counter = 0;
const at = new Date(2026, 10, 27, 9, 30, 15);

function setup(overrides: Partial<IpcDeps> = {}, saves = createSaveSessions()) {
  const deps = {
    isTrustedSender: (frame: SenderFrame | null) => frame === appFrame,
    newHandle: () => `0190a3c4-7d2e-7abc-8def-${String(++counter).padStart(12, '0')}`,
    openSaveTarget: openFileSaveTarget,
    backupFolder: createBackupFolder(join(dir, 'backups'), () => at),
    openFolder: vi.fn(async () => undefined),
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    statFile: async () => ({ size: 0 }),
    basename: (path: string) => path.split('/').pop() ?? path,
    ...overrides,
  } as unknown as IpcDeps;
  return { deps, handlers: createIpcHandlers(deps, saves) };
}

async function writeBackup(handlers: ReturnType<typeof setup>['handlers'], text: string) {
  const started = await handlers.beginBackup(appFrame, { reason: 'daily' });
  if (started.status !== 'ready') throw new Error('expected a ready backup');
  await handlers.appendSave(appFrame, { handle: started.handle, chunk: text });
  return handlers.finishSave(appFrame, started.handle);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'encore-backups-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('automatic backups folder (beginBackup, listBackups, pruneBackups, showBackups)', () => {
  it('names the file itself in userData/backups, writes a .partial, and renames it on finish', async () => {
    const { handlers } = setup();
    const started = await handlers.beginBackup(appFrame, { reason: 'daily' });
    if (started.status !== 'ready') throw new Error('expected a ready backup');
    const name = 'encore-crm-backup-2026-11-27-093015-daily.ndjson';
    expect(started.location).toBe(join(dir, 'backups', name));
    await handlers.appendSave(appFrame, { handle: started.handle, chunk: '{"a":1}\n' });
    // Until finish, only the partial file exists: the folder never shows half a backup.
    expect(await readdir(join(dir, 'backups'))).toEqual([`${name}.partial`]);
    expect(await handlers.listBackups(appFrame, undefined)).toEqual([]);
    await handlers.finishSave(appFrame, started.handle);
    expect(await readdir(join(dir, 'backups'))).toEqual([name]);
    expect(await readFile(join(dir, 'backups', name), 'utf8')).toBe('{"a":1}\n');
    expect(await handlers.listBackups(appFrame, undefined)).toEqual([
      { name, size: 8, modifiedAt: expect.any(String) },
    ]);
  });

  it('two backups in the same second get two names', async () => {
    const { handlers } = setup();
    await writeBackup(handlers, 'one\n');
    await writeBackup(handlers, 'two\n');
    const names = (await readdir(join(dir, 'backups'))).sort();
    expect(names).toEqual([
      'encore-crm-backup-2026-11-27-093015-2-daily.ndjson',
      'encore-crm-backup-2026-11-27-093015-daily.ndjson',
    ]);
    expect(names.every(isBackupFileName)).toBe(true);
  });

  it('prunes to the newest N, leaving files it did not write alone', async () => {
    const { handlers } = setup();
    const folder = join(dir, 'backups');
    await handlers.listBackups(appFrame, undefined); // creates the folder
    const names = [1, 2, 3, 4, 5].map(
      (day) => `encore-crm-backup-2026-11-0${day}-120000-daily.ndjson`,
    );
    for (const [index, name] of names.entries()) {
      await writeFile(join(folder, name), 'x');
      const time = new Date(2026, 10, index + 1, 12);
      await utimes(join(folder, name), time, time);
    }
    await writeFile(join(folder, 'my-notes.txt'), 'mine');
    // A partial file from a crash two days ago, and one being written right now.
    const stale = 'encore-crm-backup-2026-11-25-120000-daily.ndjson.partial';
    const fresh = 'encore-crm-backup-2026-11-27-093000-daily.ndjson.partial';
    await writeFile(join(folder, stale), 'x');
    await utimes(join(folder, stale), new Date(2026, 10, 25), new Date(2026, 10, 25));
    await writeFile(join(folder, fresh), 'x');
    await utimes(join(folder, fresh), at, at);

    await expect(handlers.pruneBackups(appFrame, 2)).resolves.toBe(3);
    expect((await readdir(folder)).sort()).toEqual(
      [names[3], names[4], 'my-notes.txt', fresh].sort(),
    );
    expect((await handlers.listBackups(appFrame, undefined)).map((b) => b.name)).toEqual([
      names[4],
      names[3],
    ]);
  });

  it('refuses a keep count that is not a positive whole number', async () => {
    const { handlers } = setup();
    for (const bad of [0, -1, 1.5, '3', undefined, 5000]) {
      await expect(handlers.pruneBackups(appFrame, bad)).rejects.toThrow(
        /^\[crm:invalid-argument\] pruneBackups/,
      );
    }
  });

  it('refuses an unknown reason and any sender but our window', async () => {
    const { handlers, deps } = setup();
    await expect(handlers.beginBackup(appFrame, { reason: '../../x' })).rejects.toThrow(
      /invalid-argument/,
    );
    await expect(handlers.beginBackup(strangerFrame, { reason: 'daily' })).rejects.toThrow(
      /forbidden-sender/,
    );
    await expect(handlers.showBackups(strangerFrame, undefined)).rejects.toThrow(
      /forbidden-sender/,
    );
    expect(deps.openFolder).not.toHaveBeenCalled();
  });

  it('shows the folder, creating it first', async () => {
    const { handlers, deps } = setup();
    await handlers.showBackups(appFrame, undefined);
    expect(deps.openFolder).toHaveBeenCalledWith(join(dir, 'backups'));
    expect(await readdir(dir)).toEqual(['backups']);
  });

  it('opens a backup file chosen in a dialog that starts in the backups folder', async () => {
    const showOpenDialog = vi.fn(async () => ({
      canceled: false,
      filePaths: ['/home/ana/backup.ndjson'],
    }));
    const { handlers } = setup({ showOpenDialog, statFile: async () => ({ size: 42 }) });
    await expect(handlers.openBackupFile(appFrame, undefined)).resolves.toMatchObject({
      status: 'opened',
      name: 'backup.ndjson',
      size: 42,
    });
    expect(showOpenDialog).toHaveBeenCalledWith({
      filters: [
        { name: 'Encore CRM backups', extensions: ['ndjson'] },
        { name: 'All files', extensions: ['*'] },
      ],
      defaultPath: join(dir, 'backups'),
    });
  });
});

describe('the total size cap of one save', () => {
  it(`is ${MAX_SAVE_BYTES / 1024 ** 3} GiB: a save that grows past it is discarded and refused`, async () => {
    // The same rule with a 10-byte cap, on a real file.
    const { handlers } = setup({}, createSaveSessions(10));
    const started = await handlers.beginBackup(appFrame, { reason: 'manual' });
    if (started.status !== 'ready') throw new Error('expected a ready backup');
    await handlers.appendSave(appFrame, { handle: started.handle, chunk: '12345' });
    await handlers.appendSave(appFrame, { handle: started.handle, chunk: '67890' });
    await expect(
      handlers.appendSave(appFrame, { handle: started.handle, chunk: 'é' }),
    ).rejects.toThrow(/larger than .* nothing was kept/);
    expect(await readdir(join(dir, 'backups'))).toEqual([]);
    await expect(handlers.finishSave(appFrame, started.handle)).rejects.toThrow(/no longer open/);
  });
});
