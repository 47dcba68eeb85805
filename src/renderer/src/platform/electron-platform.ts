import type { ByteSource } from '@shared/csv';
import type { CrmBridge, OpenFileResult } from '@shared/ipc';
import { IpcError, decodeIpcError } from '@shared/ipc-error';
import { beginElectronSave, electronSink } from './export-save-sink';
import type { BackupFolderAccess, Platform } from './platform';

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

function byteSource(bridge: CrmBridge, opened: OpenFileResult): ByteSource | null {
  if (opened.status === 'cancelled') return null;
  const { handle, name, size } = opened;
  return {
    name,
    size,
    read: (offset, length) => call(() => bridge.readFileChunk({ handle, offset, length })),
    close: () => call(() => bridge.closeFile(handle)),
  };
}

function backupFolder(bridge: CrmBridge): BackupFolderAccess {
  return {
    begin: async (reason) => {
      const started = await call(() => bridge.beginBackup({ reason }));
      if (started.status === 'cancelled') throw new Error('the backup could not be started');
      return electronSink(bridge, started, call);
    },
    list: () => call(() => bridge.listBackups()),
    prune: (keep) => call(() => bridge.pruneBackups(keep)),
    show: () => call(() => bridge.showBackups()),
  };
}

export function createElectronPlatform(bridge: CrmBridge): Platform {
  return {
    kind: 'electron',
    appInfo: () => call(() => bridge.appInfo()),
    saveTextFile: (request) => call(() => bridge.saveTextFile(request)),
    openExternal: (url) => call(() => bridge.openExternal(url)),
    notify: (request) => call(() => bridge.notify(request)),
    openCsvFile: async () => byteSource(bridge, await call(() => bridge.openCsvFile())),
    openBackupFile: async () => byteSource(bridge, await call(() => bridge.openBackupFile())),
    backups: backupFolder(bridge),
    beginSave: (request) => beginElectronSave(bridge, request, call),
    getSyncToken: () => call(() => bridge.getSyncToken()),
    setSyncToken: (token) => call(() => bridge.setSyncToken(token)),
    onMenuAction: (listener) => bridge.onMenuAction(listener),
  };
}
