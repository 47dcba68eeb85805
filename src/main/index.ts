/**
 * Main process entry: app lifecycle only. The main process owns the OS (windows, menu,
 * dialogs, files), never the CRM data, which lives in the renderer's IndexedDB.
 */
import { join } from 'node:path';
import { app, BrowserWindow, Menu, net, protocol, session } from 'electron';
import { showAboutDialog } from './about';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { contentSecurityPolicy } from './csp';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { ipcEvents } from '../shared/ipc';
import { appId } from './product';
import { hardenSession, hardenWebContents } from './security';
import { serveRenderer } from './serve-renderer';
import { resolveAppLocation } from './url-policy';
import { createMainWindow } from './window';

// Every renderer sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox();

// The renderer's own origin, app://encore (app-protocol.ts); only possible before ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// A second copy would open the same IndexedDB in a second window; focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  let mainWindow: BrowserWindow | null = null;
  const location = resolveAppLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    rendererIndexFile: join(import.meta.dirname, '../renderer/index.html'),
  });

  // Exports being saved when the window closes, crashes or reloads: their `.partial` files go.
  let abortOpenSaves = async (): Promise<void> => undefined;

  const openWindow = (): void => {
    const window = createMainWindow(location);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      void abortOpenSaves();
    });
    window.webContents.on('render-process-gone', () => void abortOpenSaves());
    window.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) void abortOpenSaves();
    });
    mainWindow = window;
  };

  app.on('second-instance', () => {
    // macOS keeps running with no window: a second launch should bring one back.
    if (!mainWindow) {
      if (app.isReady()) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Registered before any window exists, so no web contents escapes the hardening.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location));

  // Windows groups taskbar entries and routes notifications by this id.
  if (process.platform === 'win32') app.setAppUserModelId(appId);

  void app.whenReady().then(() => {
    const extraScripts = app.isPackaged ? [] : __DEV_INLINE_SCRIPT_SOURCES__;
    hardenSession(session.defaultSession, extraScripts);
    if (location.kind === 'app-protocol')
      serveRenderer(protocol, net, location.rendererDir, contentSecurityPolicy(extraScripts));
    ({ abortOpenSaves } = registerIpcHandlers(() => mainWindow, location));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isMac: process.platform === 'darwin',
          isPackaged: app.isPackaged,
          showAbout: () => showAboutDialog(mainWindow),
          sendAction: (id) => mainWindow?.webContents.send(ipcEvents.onMenuAction.channel, id),
        }),
      ),
    );
    openWindow();
    // macOS keeps the app running with no window; clicking the dock icon brings one back.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
