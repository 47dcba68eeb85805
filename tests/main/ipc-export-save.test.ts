import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSaveSessions,
  MAX_OPEN_SAVES,
  openFileSaveTarget,
  type SaveTarget,
} from '../../src/main/export-save-sessions';
import { createIpcHandlers, type IpcDeps, type SenderFrame } from '../../src/main/ipc-handlers';

const appFrame: SenderFrame = {
  url: 'http://localhost:5173/#/customers',
  processId: 4,
  routingId: 1,
};
const strangerFrame: SenderFrame = { url: 'https://evil.example/', processId: 9, routingId: 3 };

/** A save target that records what it was given, in memory. */
function memoryTarget() {
  const state = { chunks: [] as string[], committed: false, discarded: false };
  const target: SaveTarget = {
    append: async (chunk) => {
      state.chunks.push(chunk);
    },
    commit: async () => {
      state.committed = true;
    },
    discard: async () => {
      state.discarded = true;
    },
  };
  return { state, target };
}

function setup(overrides: Partial<IpcDeps> = {}, saves = createSaveSessions()) {
  let counter = 0;
  const targets: ReturnType<typeof memoryTarget>[] = [];
  const deps: IpcDeps = {
    isTrustedSender: (frame) => frame === appFrame,
    appInfo: () => ({ name: 'Encore CRM', version: '1', platform: 'linux' }),
    showSaveDialog: vi.fn<IpcDeps['showSaveDialog']>(async ({ defaultFileName }) => ({
      canceled: false,
      filePath: `/home/ana/Downloads/${defaultFileName}`,
    })),
    writeTextFile: async () => undefined,
    openExternal: async () => undefined,
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    statFile: async () => ({ size: 0 }),
    readFileRange: async () => new Uint8Array(),
    newHandle: () => `0190a3c4-7d2e-7abc-8def-${String(++counter).padStart(12, '0')}`,
    basename: (path) => path,
    openSaveTarget: vi.fn<IpcDeps['openSaveTarget']>(async () => {
      const made = memoryTarget();
      targets.push(made);
      return made.target;
    }),
    ...overrides,
  };
  return { deps, targets, saves, handlers: createIpcHandlers(deps, saves) };
}

const request = { suggestedName: 'customers.csv', mimeType: 'text/csv' };

async function begin(handlers: ReturnType<typeof setup>['handlers']): Promise<string> {
  const result = await handlers.beginSave(appFrame, request);
  if (result.status !== 'ready') throw new Error('expected a ready save');
  return result.handle;
}

describe('streamed save (beginSave / appendSave / finishSave / abortSave)', () => {
  it('asks where to save, takes chunks in order, and commits on finish', async () => {
    const { handlers, deps, targets } = setup();
    const started = await handlers.beginSave(appFrame, request);
    expect(started).toMatchObject({
      status: 'ready',
      location: '/home/ana/Downloads/customers.csv',
    });
    expect(deps.showSaveDialog).toHaveBeenCalledWith({
      defaultFileName: 'customers.csv',
      filters: [
        { name: 'CSV file', extensions: ['csv'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(deps.openSaveTarget).toHaveBeenCalledWith('/home/ana/Downloads/customers.csv');
    const handle = started.status === 'ready' ? started.handle : '';
    await handlers.appendSave(appFrame, { handle, chunk: '\ufeffa,b\r\n' });
    await handlers.appendSave(appFrame, { handle, chunk: '1,2\r\n' });
    await expect(handlers.finishSave(appFrame, handle)).resolves.toEqual({
      status: 'saved',
      location: '/home/ana/Downloads/customers.csv',
    });
    expect(targets[0]?.state).toEqual({
      chunks: ['\ufeffa,b\r\n', '1,2\r\n'],
      committed: true,
      discarded: false,
    });
    // Finished means closed: the handle no longer writes.
    await expect(handlers.appendSave(appFrame, { handle, chunk: 'x' })).rejects.toThrow(
      '[crm:failed] appendSave: this save is no longer open',
    );
  });

  it('a window closing or reloading mid-export discards every open save', async () => {
    const { handlers, targets, saves } = setup();
    const first = await begin(handlers);
    const second = await begin(handlers);
    await handlers.appendSave(appFrame, { handle: first, chunk: 'half' });
    await saves.abortAll();
    expect(targets.map((t) => t.state.discarded)).toEqual([true, true]);
    expect(targets.some((t) => t.state.committed)).toBe(false);
    await expect(handlers.appendSave(appFrame, { handle: second, chunk: 'x' })).rejects.toThrow(
      /no longer open/,
    );
  });

  it('opens nothing when the user cancels the dialog', async () => {
    const { handlers, deps } = setup({
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    });
    await expect(handlers.beginSave(appFrame, request)).resolves.toEqual({ status: 'cancelled' });
    expect(deps.openSaveTarget).not.toHaveBeenCalled();
  });

  it('discards the partial file on abort, and aborting twice is harmless', async () => {
    const { handlers, targets } = setup();
    const handle = await begin(handlers);
    await handlers.appendSave(appFrame, { handle, chunk: 'half' });
    await handlers.abortSave(appFrame, handle);
    await handlers.abortSave(appFrame, handle);
    expect(targets[0]?.state).toMatchObject({ committed: false, discarded: true });
    await expect(handlers.finishSave(appFrame, handle)).rejects.toThrow(/no longer open/);
  });

  it('refuses calls from any frame but our window, before touching the file', async () => {
    const { handlers, deps, targets } = setup();
    await expect(handlers.beginSave(strangerFrame, request)).rejects.toThrow(
      /^\[crm:forbidden-sender\] beginSave/,
    );
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    const handle = await begin(handlers);
    await expect(handlers.appendSave(strangerFrame, { handle, chunk: 'x' })).rejects.toThrow(
      /forbidden-sender/,
    );
    await expect(handlers.finishSave(null, handle)).rejects.toThrow(/forbidden-sender/);
    await expect(handlers.abortSave(strangerFrame, handle)).rejects.toThrow(/forbidden-sender/);
    expect(targets[0]?.state).toEqual({ chunks: [], committed: false, discarded: false });
  });

  it.each([
    ['a path as the name', { suggestedName: '../../.bashrc', mimeType: 'text/csv' }],
    ['the parent directory as the name', { suggestedName: '..', mimeType: 'text/csv' }],
    ['a missing mime type', { suggestedName: 'a.csv' }],
    ['no argument', undefined],
  ])('beginSave refuses %s, before any dialog opens', async (_label, arg) => {
    const { handlers, deps } = setup();
    await expect(handlers.beginSave(appFrame, arg)).rejects.toThrow(
      /^\[crm:invalid-argument\] beginSave/,
    );
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['a handle that is not one', { handle: '../../etc/passwd', chunk: 'x' }],
    ['a chunk that is not text', { handle: '0190a3c4-7d2e-7abc-8def-000000000001', chunk: 42 }],
    [
      'a chunk over 16 MiB',
      { handle: '0190a3c4-7d2e-7abc-8def-000000000001', chunk: 'x'.repeat(16 * 1024 * 1024 + 1) },
    ],
  ])('appendSave refuses %s', async (_label, arg) => {
    const { handlers, targets } = setup();
    await begin(handlers);
    await expect(handlers.appendSave(appFrame, arg)).rejects.toThrow(
      /^\[crm:invalid-argument\] appendSave/,
    );
    expect(targets[0]?.state.chunks).toEqual([]);
  });

  it('refuses a handle it never gave out', async () => {
    const { handlers } = setup();
    await expect(
      handlers.appendSave(appFrame, { handle: '0190a3c4-7d2e-7abc-8def-999999999999', chunk: 'x' }),
    ).rejects.toThrow('[crm:failed] appendSave: this save is no longer open');
  });

  it(`keeps at most ${MAX_OPEN_SAVES} saves open at once`, async () => {
    const { handlers, deps } = setup();
    for (let n = 0; n < MAX_OPEN_SAVES; n += 1) await begin(handlers);
    await expect(handlers.beginSave(appFrame, request)).rejects.toThrow(/too many saves/);
    expect(deps.showSaveDialog).toHaveBeenCalledTimes(MAX_OPEN_SAVES);
  });

  it('discards the partial file when the commit fails, and reports it', async () => {
    const discard = vi.fn(async () => undefined);
    const { handlers } = setup({
      openSaveTarget: async () => ({
        append: async () => undefined,
        commit: async () => Promise.reject(new Error('EACCES: permission denied')),
        discard,
      }),
    });
    const handle = await begin(handlers);
    await expect(handlers.finishSave(appFrame, handle)).rejects.toThrow(
      '[crm:failed] finishSave: EACCES: permission denied',
    );
    expect(discard).toHaveBeenCalledTimes(1);
  });
});

describe('openFileSaveTarget on a real disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes UTF-8 through a partial file and renames it into place on commit', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-export-'));
    const path = join(dir, 'customers.csv');
    await writeFile(path, 'the old file');
    const target = await openFileSaveTarget(path);
    await target.append('\ufeffName\r\n');
    await target.append('Renée,"+14155550134"\r\n');
    // Until commit, the file the user chose to overwrite is untouched.
    expect(await readFile(path, 'utf8')).toBe('the old file');
    await target.commit();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\ufeffName\r\nRenée,"+14155550134"\r\n');
    expect(await readdir(dir)).toEqual(['customers.csv']);
  });

  it('leaves no file and keeps the old one when discarded', async () => {
    dir = await mkdtemp(join(tmpdir(), 'encore-export-'));
    const path = join(dir, 'customers.csv');
    await writeFile(path, 'the old file');
    const target = await openFileSaveTarget(path);
    await target.append('half an export');
    await target.discard();
    expect(await readdir(dir)).toEqual(['customers.csv']);
    expect(await readFile(path, 'utf8')).toBe('the old file');
  });
});
