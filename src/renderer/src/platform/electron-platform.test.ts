import { describe, expect, it } from 'vitest';
import { createElectronPlatform } from './electron-platform';
import { IpcError, type CrmBridge } from '@shared/ipc';

// The renderer side of the boundary: what a failed desktop call looks like to the app.
describe('electron platform', () => {
  const rejecting = (message: string): CrmBridge => ({
    appInfo: async () => ({ name: 'Encore CRM', version: '1.0.0', platform: 'darwin' }),
    saveTextFile: async () => Promise.reject(new Error(message)),
    openExternal: async () => Promise.reject(new Error(message)),
    notify: async () => Promise.reject(new Error(message)),
    openCsvFile: async () => Promise.reject(new Error(message)),
    readFileChunk: async () => Promise.reject(new Error(message)),
    closeFile: async () => Promise.reject(new Error(message)),
    beginSave: async () => Promise.reject(new Error(message)),
    appendSave: async () => Promise.reject(new Error(message)),
    finishSave: async () => Promise.reject(new Error(message)),
    abortSave: async () => Promise.reject(new Error(message)),
    beginBackup: async () => Promise.reject(new Error(message)),
    listBackups: async () => Promise.reject(new Error(message)),
    pruneBackups: async () => Promise.reject(new Error(message)),
    showBackups: async () => Promise.reject(new Error(message)),
    openBackupFile: async () => Promise.reject(new Error(message)),
    getSyncToken: async () => Promise.reject(new Error(message)),
    setSyncToken: async () => Promise.reject(new Error(message)),
    onMenuAction: () => () => undefined,
  });

  it('passes answers through', async () => {
    const platform = createElectronPlatform(rejecting(''));
    expect(platform.kind).toBe('electron');
    await expect(platform.appInfo()).resolves.toMatchObject({ name: 'Encore CRM' });
  });

  it('turns Electron rejections into IpcError with the code and a clean message', async () => {
    const platform = createElectronPlatform(
      rejecting(
        "Error invoking remote method 'crm:open-external': Error: [crm:invalid-argument] openExternal: argument: only http(s), mailto and tel links open outside the app",
      ),
    );
    const error = await platform.openExternal('javascript:alert(1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'invalid-argument',
      message: 'openExternal: argument: only http(s), mailto and tel links open outside the app',
    });
  });
});
