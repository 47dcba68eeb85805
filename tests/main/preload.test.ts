import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcContract, ipcEvents, type IpcCapability } from '../../src/shared/ipc';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => 'answer'),
  on: vi.fn<(channel: string, handler: (event: unknown, payload: unknown) => void) => void>(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: {
    invoke: electron.invoke,
    send: vi.fn(),
    on: electron.on,
    removeListener: electron.removeListener,
    sendSync: vi.fn(),
  },
}));

let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('../../src/preload/index');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('crm');
  exposed = api as Record<string, unknown>;
});

const sampleArgs: Record<IpcCapability, unknown[]> = {
  appInfo: [],
  saveTextFile: [{ suggestedName: 'a.csv', mimeType: 'text/csv', content: 'x' }],
  openExternal: ['https://example.com'],
  notify: [{ title: 'Call Ana', body: 'Due 10:00' }],
  openCsvFile: [],
  readFileChunk: [{ handle: '0190a3c4-7d2e-7abc-8def-0123456789ab', offset: 0, length: 10 }],
  closeFile: ['0190a3c4-7d2e-7abc-8def-0123456789ab'],
  beginSave: [{ suggestedName: 'a.csv', mimeType: 'text/csv' }],
  appendSave: [{ handle: '0190a3c4-7d2e-7abc-8def-0123456789ab', chunk: 'x' }],
  finishSave: ['0190a3c4-7d2e-7abc-8def-0123456789ab'],
  abortSave: ['0190a3c4-7d2e-7abc-8def-0123456789ab'],
  beginBackup: [{ reason: 'daily' }],
  listBackups: [],
  pruneBackups: [14],
  showBackups: [],
  openBackupFile: [],
  getSyncToken: [],
  setSyncToken: ['enc_0123456789abcdef'],
};

describe('preload bridge', () => {
  it('exposes exactly one function per capability and event of the contract', () => {
    expect(Object.keys(exposed).sort()).toEqual(
      [...Object.keys(ipcContract), ...Object.keys(ipcEvents)].sort(),
    );
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    for (const value of Object.values(exposed)) {
      expect(value).not.toBe(electron.invoke);
      expect(typeof value === 'object' && value !== null && 'invoke' in value).toBe(false);
    }
  });

  it.each(Object.keys(ipcContract) as IpcCapability[])(
    '%s invokes its own channel with its argument and returns the answer',
    async (capability) => {
      electron.invoke.mockClear();
      const call = exposed[capability] as (...args: unknown[]) => Promise<unknown>;
      await expect(call(...sampleArgs[capability])).resolves.toBe('answer');
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(
        ipcContract[capability].channel,
        ...sampleArgs[capability],
      );
    },
  );

  it('gives every capability its own channel', () => {
    const channels = Object.values(ipcContract).map((entry) => entry.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^crm:/);
  });

  it('passes on menu actions of the shared manifest only, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = (exposed.onMenuAction as (l: (id: string) => void) => () => void)(listener);
    const [channel, handler] = electron.on.mock.calls.at(-1) ?? [];
    expect(channel).toBe('crm:menu-action');
    handler?.({}, 'new-customer');
    handler?.({}, 'rm -rf');
    handler?.({}, { id: 'new-customer' });
    expect(listener.mock.calls).toEqual([['new-customer']]);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('crm:menu-action', handler);
  });
});
