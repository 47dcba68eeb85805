/** Wires the IPC handlers to Electron: one ipcMain.handle per capability of the contract. */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, ipcMain, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { ipcContract, type IpcCapability } from '../shared/ipc';
import { createIpcHandlers, isTrustedSenderFrame } from './ipc-handlers';
import { productName } from './product';
import { isAppUrl, type AppLocation } from './url-policy';

export function registerIpcHandlers(
  getWindow: () => BrowserWindow | null,
  location: AppLocation,
): void {
  const handlers = createIpcHandlers({
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
    writeTextFile: (filePath, content) => writeFile(filePath, content, 'utf8'),
    openExternal: (url) => shell.openExternal(url),
  });

  for (const capability of Object.keys(ipcContract) as IpcCapability[]) {
    ipcMain.handle(ipcContract[capability].channel, (event, arg: unknown) =>
      handlers[capability](event.senderFrame, arg),
    );
  }
}
