import { IpcError, decodeIpcError, type CrmBridge } from '@shared/ipc';
import { beginElectronSave } from './export-save-sink';
import type { Platform } from './platform';

/**
 * Electron rejects with "Error invoking remote method ...: Error: [crm:code] message";
 * callers get an IpcError with the code and the plain message instead.
 */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new IpcError(decodeIpcError(error));
  }
}

export function createElectronPlatform(bridge: CrmBridge): Platform {
  return {
    kind: 'electron',
    appInfo: () => call(() => bridge.appInfo()),
    saveTextFile: (request) => call(() => bridge.saveTextFile(request)),
    openExternal: (url) => call(() => bridge.openExternal(url)),
    notify: (request) => call(() => bridge.notify(request)),
    openCsvFile: async () => {
      const opened = await call(() => bridge.openCsvFile());
      if (opened.status === 'cancelled') return null;
      const { handle, name, size } = opened;
      return {
        name,
        size,
        read: (offset, length) => call(() => bridge.readFileChunk({ handle, offset, length })),
        close: () => call(() => bridge.closeFile(handle)),
      };
    },
    beginSave: (request) => beginElectronSave(bridge, request, call),
    getSyncToken: () => call(() => bridge.getSyncToken()),
    setSyncToken: (token) => call(() => bridge.setSyncToken(token)),
  };
}
