import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src/main/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it('has no reload or developer tools in a packaged app', () => {
    const template = buildMenuTemplate({ isMac: false, isPackaged: true, showAbout: () => {} });
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(roles(template)).not.toContain('reload');
    expect(roles(template)).toEqual(
      expect.arrayContaining(['quit', 'editMenu', 'zoomIn', 'windowMenu']),
    );
  });

  it('offers reload and developer tools while developing', () => {
    const template = buildMenuTemplate({ isMac: false, isPackaged: false, showAbout: () => {} });
    expect(roles(template)).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('follows macOS conventions: app menu first, File closes the window', () => {
    const template = buildMenuTemplate({ isMac: true, isPackaged: true, showAbout: () => {} });
    expect(template[0]?.role).toBe('appMenu');
    expect(roles(template)).toContain('close');
    expect(roles(template)).not.toContain('quit');
  });

  it('opens the About dialog from Help', () => {
    const showAbout = vi.fn();
    const template = buildMenuTemplate({ isMac: false, isPackaged: true, showAbout });
    const help = template.find((item) => item.role === 'help');
    const about = Array.isArray(help?.submenu) ? help.submenu[0] : undefined;
    expect(about?.label).toBe('About Encore CRM');
    about?.click?.({} as never, undefined, {} as never);
    expect(showAbout).toHaveBeenCalledOnce();
  });
});
