import { IpcError, decodeIpcError, type CrmBridge } from '@shared/ipc';
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
  };
}
