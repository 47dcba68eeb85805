import { describe, expect, it, vi } from 'vitest';
import { IpcError, type CrmBridge } from '@shared/ipc';
import { createElectronPlatform } from './electron-platform';

const handle = '0190a3c4-7d2e-7abc-8def-0123456789ab';

function bridgeWith(overrides: Partial<CrmBridge>): CrmBridge {
  const unused = async () => Promise.reject(new Error('not used here'));
  return {
    appInfo: unused,
    saveTextFile: unused,
    openExternal: unused,
    openCsvFile: unused,
    readFileChunk: unused,
    closeFile: unused,
    beginSave: unused,
    appendSave: unused,
    finishSave: unused,
    abortSave: unused,
    ...overrides,
  } as CrmBridge;
}

// The renderer side of the streamed save: the handle stays inside the sink.
describe('electron platform: streamed save', () => {
  it('sends every chunk under the handle main gave, then finishes', async () => {
    const appendSave = vi.fn<CrmBridge['appendSave']>(async () => undefined);
    const finishSave = vi.fn<CrmBridge['finishSave']>(async () => ({
      status: 'saved' as const,
      location: '/home/ana/customers.csv',
    }));
    const platform = createElectronPlatform(
      bridgeWith({
        beginSave: async () => ({ status: 'ready', handle, location: '/home/ana/customers.csv' }),
        appendSave,
        finishSave,
      }),
    );
    const sink = await platform.beginSave({ suggestedName: 'customers.csv', mimeType: 'text/csv' });
    expect(sink?.location).toBe('/home/ana/customers.csv');
    await sink?.append('a,b\r\n');
    await sink?.append('1,2\r\n');
    await expect(sink?.finish()).resolves.toEqual({
      status: 'saved',
      location: '/home/ana/customers.csv',
    });
    expect(appendSave.mock.calls).toEqual([
      [{ handle, chunk: 'a,b\r\n' }],
      [{ handle, chunk: '1,2\r\n' }],
    ]);
    expect(finishSave).toHaveBeenCalledWith(handle);
  });

  it('gives null when the user cancels the save dialog', async () => {
    const platform = createElectronPlatform(
      bridgeWith({ beginSave: async () => ({ status: 'cancelled' }) }),
    );
    await expect(
      platform.beginSave({ suggestedName: 'customers.csv', mimeType: 'text/csv' }),
    ).resolves.toBeNull();
  });

  it('turns a failed write into an IpcError with its code, and aborts by handle', async () => {
    const abortSave = vi.fn<CrmBridge['abortSave']>(async () => undefined);
    const platform = createElectronPlatform(
      bridgeWith({
        beginSave: async () => ({ status: 'ready', handle, location: '/x.csv' }),
        appendSave: async () =>
          Promise.reject(
            new Error(
              "Error invoking remote method 'crm:append-save': Error: [crm:failed] appendSave: ENOSPC: no space left on device",
            ),
          ),
        abortSave,
      }),
    );
    const sink = await platform.beginSave({ suggestedName: 'x.csv', mimeType: 'text/csv' });
    const error = await sink?.append('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'failed',
      message: 'appendSave: ENOSPC: no space left on device',
    });
    await sink?.abort();
    expect(abortSave).toHaveBeenCalledWith(handle);
  });
});
