import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src/main/menu';
import { MENU_ACTIONS } from '../../src/shared/menu-actions';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it('has no reload or developer tools in a packaged app', () => {
    const template = buildMenuTemplate({
      isMac: false,
      isPackaged: true,
      showAbout: () => {},
      sendAction: () => {},
    });
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(roles(template)).not.toContain('reload');
    expect(roles(template)).toEqual(
      expect.arrayContaining(['quit', 'editMenu', 'zoomIn', 'windowMenu']),
    );
  });

  it('offers reload and developer tools while developing', () => {
    const template = buildMenuTemplate({
      isMac: false,
      isPackaged: false,
      showAbout: () => {},
      sendAction: () => {},
    });
    expect(roles(template)).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('follows macOS conventions: app menu first, File closes the window', () => {
    const template = buildMenuTemplate({
      isMac: true,
      isPackaged: true,
      showAbout: () => {},
      sendAction: () => {},
    });
    expect(template[0]?.role).toBe('appMenu');
    expect(roles(template)).toContain('close');
    expect(roles(template)).not.toContain('quit');
  });

  it('opens the About dialog from Help', () => {
    const showAbout = vi.fn();
    const template = buildMenuTemplate({
      isMac: false,
      isPackaged: true,
      showAbout,
      sendAction: () => {},
    });
    const help = template.find((item) => item.role === 'help');
    const about = Array.isArray(help?.submenu) ? help.submenu[0] : undefined;
    expect(about?.label).toBe('About Encore CRM');
    about?.click?.({} as never, undefined, {} as never);
    expect(showAbout).toHaveBeenCalledOnce();
  });

  it('offers every action of the shared manifest, each sending its id to the window', () => {
    const sendAction = vi.fn();
    const template = buildMenuTemplate({
      isMac: false,
      isPackaged: true,
      showAbout: () => {},
      sendAction,
    });
    const items = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    for (const action of MENU_ACTIONS) {
      const item = items.find((candidate) => candidate.id === action.id);
      expect(item?.label).toBe(action.label);
      expect(item?.accelerator).toBe('accelerator' in action ? action.accelerator : undefined);
      item?.click?.({} as never, undefined, {} as never);
      expect(sendAction).toHaveBeenLastCalledWith(action.id);
    }
    expect(sendAction).toHaveBeenCalledTimes(MENU_ACTIONS.length);
    const go = template.find((item) => item.label === 'Go');
    expect(Array.isArray(go?.submenu) && go.submenu.map((item) => item.label)).toContain('Deals');
  });
});
