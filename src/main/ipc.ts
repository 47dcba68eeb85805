/** Wires the IPC handlers to Electron: one ipcMain.handle per capability of the contract. */
import { randomUUID } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Notification,
  safeStorage,
  shell,
  type BrowserWindow,
  type SaveDialogOptions,
} from 'electron';
import { ipcContract, type IpcCapability } from '../shared/ipc';
import { createBackupFolder } from './backup-folder';
import { createSaveSessions, openFileSaveTarget } from './export-save-sessions';
import { createIpcHandlers, isTrustedSenderFrame } from './ipc-handlers';
import { productName } from './product';
import { createSyncTokenStore, type SyncTokenStore } from './sync-token-store';
import { isAppUrl, type AppLocation } from './url-policy';

function syncToken(): { syncTokenStore?: SyncTokenStore; syncTokenUnavailable?: string } {
  const storage = createSyncTokenStore(safeStorage, app.getPath('userData'));
  return storage.store
    ? { syncTokenStore: storage.store }
    : { syncTokenUnavailable: storage.unavailable };
}

/** Returns what the app must call when the window closes or its page reloads. */
export function registerIpcHandlers(
  getWindow: () => BrowserWindow | null,
  location: AppLocation,
): { abortOpenSaves(): Promise<void> } {
  const saves = createSaveSessions();
  const handlers = createIpcHandlers(
    {
      isTrustedSender: (frame) =>
        isTrustedSenderFrame(frame, getWindow()?.webContents.mainFrame, (url) =>
          isAppUrl(url, location),
        ),
      appInfo: () => ({ name: productName, version: app.getVersion(), platform: process.platform }),
      showSaveDialog: async ({ defaultFileName, filters }) => {
        const options: SaveDialogOptions = {
          // basename again, although the schema already refuses paths: belt and braces.
          defaultPath: join(app.getPath('downloads'), basename(defaultFileName)),
          filters,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        };
        const window = getWindow();
        const result = await (window
          ? dialog.showSaveDialog(window, options)
          : dialog.showSaveDialog(options));
        return { canceled: result.canceled, filePath: result.filePath };
      },
      // Through a temporary file and a rename, like streamed saves: a failed write leaves the
      // file that was there before.
      writeTextFile: async (filePath, content) => {
        const target = await openFileSaveTarget(filePath);
        try {
          await target.append(content);
          await target.commit();
        } catch (error) {
          await target.discard().catch(() => undefined);
          throw error;
        }
      },
      openExternal: (url) => shell.openExternal(url),
      showNotification: Notification.isSupported()
        ? ({ title, body }) => {
            const notification = new Notification({ title, body });
            notification.on('click', () => {
              const window = getWindow();
              if (window?.isMinimized()) window.restore();
              window?.focus();
            });
            notification.show();
          }
        : undefined,
      showOpenDialog: async ({ filters, defaultPath }) => {
        const window = getWindow();
        const options = { filters, defaultPath, properties: ['openFile' as const] };
        const result = await (window
          ? dialog.showOpenDialog(window, options)
          : dialog.showOpenDialog(options));
        return { canceled: result.canceled, filePaths: result.filePaths };
      },
      statFile: async (filePath) => {
        const info = await stat(filePath);
        if (!info.isFile()) throw new Error('not a file');
        return { size: info.size };
      },
      readFileRange: async (filePath, offset, length, expectedSize) => {
        // Opened per chunk: a file deleted or replaced mid-import fails here, clearly.
        const file = await open(filePath, 'r');
        try {
          if ((await file.stat()).size !== expectedSize)
            throw new Error('the file changed while it was being read');
          const buffer = new Uint8Array(length);
          const { bytesRead } = await file.read(buffer, 0, length, offset);
          return buffer.subarray(0, bytesRead);
        } finally {
          await file.close();
        }
      },
      newHandle: () => randomUUID(),
      openSaveTarget: openFileSaveTarget,
      basename: (filePath) => basename(filePath),
      backupFolder: createBackupFolder(join(app.getPath('userData'), 'backups')),
      openFolder: async (dir) => {
        const problem = await shell.openPath(dir);
        if (problem) throw new Error(problem);
      },
      ...syncToken(),
    },
    saves,
  );

  for (const capability of Object.keys(ipcContract) as IpcCapability[]) {
    ipcMain.handle(ipcContract[capability].channel, (event, arg: unknown) =>
      handlers[capability](event.senderFrame, arg),
    );
  }
  return { abortOpenSaves: () => saves.abortAll() };
}
