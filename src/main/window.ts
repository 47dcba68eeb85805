/** The one app window: hardened web preferences, remembered bounds, shown once painted. */
import { join } from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import devIcon from '../../resources/icon.png?asset';
import { productName } from './product';
import type { AppLocation } from './url-policy';
import {
  clampToDisplays,
  loadWindowState,
  minimumWindowSize,
  saveWindowState,
  type Rectangle,
} from './window-state';

// Built as CommonJS next to out/main: sandboxed preloads cannot be ES modules.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

// electron-builder copies the icon next to app.asar (extraResources); in development it is
// read from resources/ directly.
function windowIcon(): string {
  return app.isPackaged ? join(process.resourcesPath, 'icon.png') : devIcon;
}

function workAreas(): Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map((display) => display.workArea);
}

export function createMainWindow(location: AppLocation): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = loadWindowState(stateFile);

  const window = new BrowserWindow({
    ...clampToDisplays(saved?.bounds, workAreas()),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: productName,
    // Hidden until the first paint, so the user never sees a blank white frame.
    show: false,
    // Linux takes the window icon from here; macOS and Windows from the app bundle.
    ...(process.platform === 'linux' ? { icon: windowIcon() } : {}),
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });

  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      saveWindowState(stateFile, {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
    } catch (error) {
      // Losing the window position is not worth blocking the quit for.
      console.warn('Could not save the window state:', error);
    }
  });

  void window.loadURL(location.url);
  return window;
}
