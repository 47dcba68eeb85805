/** The application menu. The template is built by a pure function so tests can read it. */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_ACTIONS, type MenuActionId, type MenuSection } from '../shared/menu-actions';

export type MenuOptions = {
  isMac: boolean;
  /** Reload and developer tools are for us, not for users of a packaged build. */
  isPackaged: boolean;
  showAbout(): void;
  /** Hands a chosen app action to the window (the renderer runs it). */
  sendAction(id: MenuActionId): void;
};

/** The menu items of one section of the shared manifest (src/shared/menu-actions.ts). */
function actionItems(
  section: MenuSection,
  sendAction: (id: MenuActionId) => void,
): MenuItemConstructorOptions[] {
  return MENU_ACTIONS.filter((action) => action.section === section).map((action) => ({
    id: action.id,
    label: action.label,
    ...('accelerator' in action ? { accelerator: action.accelerator } : {}),
    click: () => sendAction(action.id),
  }));
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isPackaged, showAbout, sendAction } = options;
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
    {
      label: 'File',
      submenu: [
        ...actionItems('file', sendAction),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'Go', submenu: actionItems('go', sendAction) },
    {
      label: 'View',
      submenu: [
        ...actionItems('view', sendAction),
        { type: 'separator' },
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
