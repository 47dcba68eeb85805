/** The application menu. The template is built by a pure function so tests can read it. */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuOptions = {
  isMac: boolean;
  /** Reload and developer tools are for us, not for users of a packaged build. */
  isPackaged: boolean;
  showAbout(): void;
};

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isPackaged, showAbout } = options;
  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];

  return [
    // macOS puts Quit, Hide and Services under the app's own menu.
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Encore CRM', click: showAbout }] },
  ];
}
