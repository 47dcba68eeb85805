import { describe, expect, it, vi } from 'vitest';
import {
  createIpcHandlers,
  isTrustedSenderFrame,
  saveDialogFilters,
  type IpcDeps,
  type SenderFrame,
} from '../../src/main/ipc-handlers';
import { decodeIpcError } from '../../src/shared/ipc';

const appFrame: SenderFrame = {
  url: 'http://localhost:5173/#/customers',
  processId: 4,
  routingId: 1,
};

function fakeDeps(overrides: Partial<IpcDeps> = {}) {
  const deps = {
    isTrustedSender: vi.fn<IpcDeps['isTrustedSender']>(() => true),
    appInfo: vi.fn<IpcDeps['appInfo']>(() => ({
      name: 'Encore CRM',
      version: '1.2.3',
      platform: 'linux',
    })),
    showSaveDialog: vi.fn<IpcDeps['showSaveDialog']>(async () => ({
      canceled: false,
      filePath: '/home/ana/Downloads/contacts.csv',
    })),
    writeTextFile: vi.fn<IpcDeps['writeTextFile']>(async () => undefined),
    openExternal: vi.fn<IpcDeps['openExternal']>(async () => undefined),
    showNotification: vi.fn<NonNullable<IpcDeps['showNotification']>>(),
    showOpenDialog: vi.fn<IpcDeps['showOpenDialog']>(async () => ({
      canceled: false,
      filePaths: ['/home/ana/Downloads/contacts.csv'],
    })),
    statFile: vi.fn<IpcDeps['statFile']>(async () => ({ size: 10 })),
    readFileRange: vi.fn<IpcDeps['readFileRange']>(async (_path, offset, length) =>
      new TextEncoder().encode('email\na@b.co').slice(offset, offset + length),
    ),
    newHandle: vi.fn<IpcDeps['newHandle']>(() => '0190a3c4-7d2e-7abc-8def-0123456789ab'),
    basename: vi.fn<IpcDeps['basename']>((path) => path.split('/').pop() ?? path),
    // Streamed saves have their own tests (ipc-export-save.test.ts); this one is inert.
    openSaveTarget: vi.fn<IpcDeps['openSaveTarget']>(async () => ({
      append: async () => undefined,
      commit: async () => undefined,
      discard: async () => undefined,
    })),
    ...overrides,
  };
  return { deps, handlers: createIpcHandlers(deps) };
}

const validSave = {
  suggestedName: 'contacts.csv',
  mimeType: 'text/csv',
  content: 'email\na@b.co\n',
};

describe('appInfo', () => {
  it('answers a trusted call without arguments', async () => {
    const { handlers } = fakeDeps();
    await expect(handlers.appInfo(appFrame, undefined)).resolves.toEqual({
      name: 'Encore CRM',
      version: '1.2.3',
      platform: 'linux',
    });
  });

  it('refuses an argument it does not take', async () => {
    const { handlers, deps } = fakeDeps();
    await expect(handlers.appInfo(appFrame, { path: '/' })).rejects.toThrow(
      '[crm:invalid-argument] appInfo: argument:',
    );
    expect(deps.appInfo).not.toHaveBeenCalled();
  });
});

describe('saveTextFile', () => {
  it('asks where to save, then writes the content there', async () => {
    const { handlers, deps } = fakeDeps();
    await expect(handlers.saveTextFile(appFrame, validSave)).resolves.toEqual({
      status: 'saved',
      location: '/home/ana/Downloads/contacts.csv',
    });
    expect(deps.showSaveDialog).toHaveBeenCalledWith({
      defaultFileName: 'contacts.csv',
      filters: [
        { name: 'CSV file', extensions: ['csv'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(deps.writeTextFile).toHaveBeenCalledWith(
      '/home/ana/Downloads/contacts.csv',
      validSave.content,
    );
  });

  it('returns cancelled and writes nothing when the user cancels', async () => {
    const { handlers, deps } = fakeDeps({
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    });
    await expect(handlers.saveTextFile(appFrame, validSave)).resolves.toEqual({
      status: 'cancelled',
    });
    expect(deps.writeTextFile).not.toHaveBeenCalled();
  });

  it('treats a dialog that returns no path as cancelled', async () => {
    const { handlers, deps } = fakeDeps({ showSaveDialog: async () => ({ canceled: false }) });
    await expect(handlers.saveTextFile(appFrame, validSave)).resolves.toEqual({
      status: 'cancelled',
    });
    expect(deps.writeTextFile).not.toHaveBeenCalled();
  });

  it.each([
    ['a parent-directory path', '../../.bashrc'],
    ['a Windows parent path', '..\\..\\startup.bat'],
    ['an absolute path', '/etc/passwd'],
    ['a drive path', 'C:\\Windows\\win.ini'],
    ['the parent directory itself', '..'],
    ['the current directory', '.'],
    ['a NUL byte', 'contacts\u0000.csv'],
    ['a newline', 'contacts\n.csv'],
    ['a wildcard', 'contacts*.csv'],
    ['an empty name', ''],
    ['a 201-character name', `${'a'.repeat(197)}.csv`],
  ])('refuses %s as the file name, before any dialog opens', async (_label, suggestedName) => {
    const { handlers, deps } = fakeDeps();
    const attempt = handlers.saveTextFile(appFrame, { ...validSave, suggestedName });
    await expect(attempt).rejects.toThrow(
      /^\[crm:invalid-argument\] saveTextFile: suggestedName: /,
    );
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.writeTextFile).not.toHaveBeenCalled();
  });

  it('names the missing field', async () => {
    const { handlers } = fakeDeps();
    await expect(
      handlers.saveTextFile(appFrame, { suggestedName: 'a.csv', mimeType: 'text/csv' }),
    ).rejects.toThrow('[crm:invalid-argument] saveTextFile: content:');
  });

  it('refuses something that is not a request at all', async () => {
    const { handlers } = fakeDeps();
    await expect(handlers.saveTextFile(appFrame, 'contacts.csv')).rejects.toThrow(
      '[crm:invalid-argument] saveTextFile: argument:',
    );
  });

  it('reports a failed write as "failed", with the reason', async () => {
    const { handlers } = fakeDeps({
      writeTextFile: async () => {
        throw new Error('EACCES: permission denied');
      },
    });
    const error = await handlers.saveTextFile(appFrame, validSave).catch((e: unknown) => e);
    expect(decodeIpcError(error)).toEqual({
      code: 'failed',
      message: 'saveTextFile: EACCES: permission denied',
    });
  });
});

describe('openExternal', () => {
  it.each([
    'https://example.com/tour?date=2025-06-01',
    'http://venue.example',
    'mailto:ana@example.com',
    'tel:+4915112345678',
  ])('opens %s', async (url) => {
    const { handlers, deps } = fakeDeps();
    await handlers.openExternal(appFrame, url);
    expect(deps.openExternal).toHaveBeenCalledWith(url);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    '/customers/42',
    'not a url',
  ])('refuses %s', async (url) => {
    const { handlers, deps } = fakeDeps();
    await expect(handlers.openExternal(appFrame, url)).rejects.toThrow(
      '[crm:invalid-argument] openExternal: argument: only http(s), mailto and tel links open outside the app',
    );
    expect(deps.openExternal).not.toHaveBeenCalled();
  });

  it('refuses a link longer than 2048 characters', async () => {
    const { handlers, deps } = fakeDeps();
    await expect(
      handlers.openExternal(appFrame, `https://example.com/${'a'.repeat(2048)}`),
    ).rejects.toThrow('[crm:invalid-argument] openExternal: argument: Too big');
    expect(deps.openExternal).not.toHaveBeenCalled();
  });

  it('refuses a non-string', async () => {
    const { handlers, deps } = fakeDeps();
    await expect(handlers.openExternal(appFrame, { url: 'https://example.com' })).rejects.toThrow(
      /^\[crm:invalid-argument\] openExternal: /,
    );
    expect(deps.openExternal).not.toHaveBeenCalled();
  });
});

describe('sender check', () => {
  it('refuses every capability from an untrusted sender, even with valid arguments', async () => {
    const { handlers, deps } = fakeDeps({ isTrustedSender: () => false });
    const evil: SenderFrame = { url: 'https://evil.example/', processId: 9, routingId: 3 };
    await expect(handlers.appInfo(evil, undefined)).rejects.toThrow(
      '[crm:forbidden-sender] appInfo: refused a call from https://evil.example/',
    );
    await expect(handlers.saveTextFile(evil, validSave)).rejects.toThrow('[crm:forbidden-sender]');
    await expect(handlers.openExternal(evil, 'https://example.com')).rejects.toThrow(
      '[crm:forbidden-sender]',
    );
    expect(deps.appInfo).not.toHaveBeenCalled();
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.openExternal).not.toHaveBeenCalled();
  });

  it('checks the sender before the argument', async () => {
    const { handlers } = fakeDeps({ isTrustedSender: () => false });
    await expect(handlers.openExternal(appFrame, 'javascript:alert(1)')).rejects.toThrow(
      '[crm:forbidden-sender]',
    );
  });

  it('explains a frame that is gone', async () => {
    const { handlers } = fakeDeps({ isTrustedSender: (frame) => frame !== null });
    await expect(handlers.appInfo(null, undefined)).rejects.toThrow(
      '[crm:forbidden-sender] appInfo: refused a call from a frame that no longer exists',
    );
  });
});

describe('isTrustedSenderFrame', () => {
  const mainFrame: SenderFrame = { url: 'http://localhost:5173/', processId: 4, routingId: 1 };
  const isAppUrl = (url: string) => new URL(url).origin === 'http://localhost:5173';

  it('trusts our window main frame on our origin', () => {
    expect(isTrustedSenderFrame(appFrame, mainFrame, isAppUrl)).toBe(true);
  });

  it.each<[string, SenderFrame | null, SenderFrame | undefined]>([
    ['an iframe of our window', { ...appFrame, routingId: 7 }, mainFrame],
    ['a frame of another renderer process', { ...appFrame, processId: 5 }, mainFrame],
    [
      'our main frame showing another site',
      { ...appFrame, url: 'https://evil.example/' },
      mainFrame,
    ],
    ['a destroyed frame', null, mainFrame],
    ['any frame once the window is closed', appFrame, undefined],
  ])('refuses %s', (_label, frame, main) => {
    expect(isTrustedSenderFrame(frame, main, isAppUrl)).toBe(false);
  });
});

describe('saveDialogFilters', () => {
  it('offers the file type first, then all files', () => {
    expect(saveDialogFilters('backup-2025.JSON')[0]).toEqual({
      name: 'JSON file',
      extensions: ['json'],
    });
    expect(saveDialogFilters('README')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('decodeIpcError', () => {
  it('reads the code through the prefix Electron adds', () => {
    const error = new Error(
      "Error invoking remote method 'crm:open-external': Error: [crm:invalid-argument] openExternal: bad link",
    );
    expect(decodeIpcError(error)).toEqual({
      code: 'invalid-argument',
      message: 'openExternal: bad link',
    });
  });

  it('falls back to "failed" with the original message', () => {
    expect(decodeIpcError(new Error('boom'))).toEqual({ code: 'failed', message: 'boom' });
    expect(decodeIpcError(new Error('[crm:bogus] x'))).toEqual({
      code: 'failed',
      message: '[crm:bogus] x',
    });
  });
});

describe('openCsvFile, readFileChunk, closeFile', () => {
  const handle = '0190a3c4-7d2e-7abc-8def-0123456789ab';

  it('opens the picked file and hands out a handle, never the path', async () => {
    const { handlers } = fakeDeps();
    await expect(handlers.openCsvFile(appFrame, undefined)).resolves.toEqual({
      status: 'opened',
      handle,
      name: 'contacts.csv',
      size: 10,
    });
  });

  it('answers cancelled when the dialog is dismissed', async () => {
    const { handlers, deps } = fakeDeps({
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    });
    await expect(handlers.openCsvFile(appFrame, undefined)).resolves.toEqual({
      status: 'cancelled',
    });
    expect(deps.statFile).not.toHaveBeenCalled();
  });

  it('reads ranges of the opened file only, clamped to its size', async () => {
    const { handlers, deps } = fakeDeps();
    await handlers.openCsvFile(appFrame, undefined);
    const bytes = await handlers.readFileChunk(appFrame, { handle, offset: 6, length: 100 });
    expect(new TextDecoder().decode(bytes)).toBe('a@b.');
    expect(deps.readFileRange).toHaveBeenCalledWith('/home/ana/Downloads/contacts.csv', 6, 4, 10);
  });

  it('refuses unknown handles, closed handles and bad ranges before touching the disk', async () => {
    const { handlers, deps } = fakeDeps();
    await expect(
      handlers.readFileChunk(appFrame, { handle, offset: 0, length: 4 }),
    ).rejects.toThrow('[crm:failed] readFileChunk: this file is no longer open');
    await handlers.openCsvFile(appFrame, undefined);
    for (const bad of [
      { handle: '../etc/passwd', offset: 0, length: 4 },
      { handle, offset: -1, length: 4 },
      { handle, offset: 0, length: 0 },
      { handle, offset: 0, length: 1e9 },
      { handle, offset: 0.5, length: 4 },
      '/etc/passwd',
    ])
      await expect(handlers.readFileChunk(appFrame, bad)).rejects.toThrow('[crm:invalid-argument]');
    await handlers.closeFile(appFrame, handle);
    await expect(
      handlers.readFileChunk(appFrame, { handle, offset: 0, length: 4 }),
    ).rejects.toThrow('no longer open');
    expect(deps.readFileRange).not.toHaveBeenCalled();
  });

  it('reports a file that vanished mid-read as failed, with the reason', async () => {
    const { handlers } = fakeDeps({
      readFileRange: vi.fn(async () => {
        throw new Error('ENOENT: no such file or directory');
      }),
    });
    await handlers.openCsvFile(appFrame, undefined);
    const failure = await handlers
      .readFileChunk(appFrame, { handle, offset: 0, length: 4 })
      .catch((error: unknown) => decodeIpcError(error));
    expect(failure).toEqual({
      code: 'failed',
      message: 'readFileChunk: ENOENT: no such file or directory',
    });
  });

  it('refuses a call from a foreign frame', async () => {
    const { handlers, deps } = fakeDeps({ isTrustedSender: vi.fn(() => false) });
    await expect(handlers.openCsvFile(appFrame, undefined)).rejects.toThrow(
      '[crm:forbidden-sender]',
    );
    expect(deps.showOpenDialog).not.toHaveBeenCalled();
  });
});
