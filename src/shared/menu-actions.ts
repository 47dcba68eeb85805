/**
 * The actions the desktop app's menu offers, declared where main can read them (main cannot
 * import renderer code). Main builds its menu from this list and sends the chosen id to the
 * window (`crm:menu-action`); the renderer runs the action of that id from its registry
 * (app/actions/registry.ts), and a unit test proves every id here has one.
 */
import { z } from 'zod';

export type MenuSection = 'file' | 'go' | 'view';

export const MENU_ACTIONS = [
  { id: 'new-customer', label: 'New Customer', accelerator: 'CmdOrCtrl+N', section: 'file' },
  { id: 'new-deal', label: 'New Deal', accelerator: 'CmdOrCtrl+Shift+N', section: 'file' },
  { id: 'go-import', label: 'Import CSV…', accelerator: 'CmdOrCtrl+I', section: 'file' },
  { id: 'back-up-now', label: 'Back Up Now', section: 'file' },
  { id: 'sync-now', label: 'Sync Now', section: 'file' },
  { id: 'go-customers', label: 'Customers', accelerator: 'CmdOrCtrl+1', section: 'go' },
  { id: 'go-deals', label: 'Deals', accelerator: 'CmdOrCtrl+2', section: 'go' },
  { id: 'go-tasks', label: 'Tasks', accelerator: 'CmdOrCtrl+3', section: 'go' },
  { id: 'go-relationships', label: 'Relationships', accelerator: 'CmdOrCtrl+4', section: 'go' },
  { id: 'go-reports', label: 'Reports', accelerator: 'CmdOrCtrl+5', section: 'go' },
  { id: 'go-calendar', label: 'Calendar of Shows', accelerator: 'CmdOrCtrl+6', section: 'go' },
  { id: 'focus-search', label: 'Search Customers', accelerator: 'CmdOrCtrl+F', section: 'go' },
  { id: 'go-settings', label: 'Settings', accelerator: 'CmdOrCtrl+,', section: 'go' },
  { id: 'open-palette', label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', section: 'view' },
] as const satisfies readonly {
  id: string;
  label: string;
  accelerator?: string;
  section: MenuSection;
}[];

export type MenuAction = (typeof MENU_ACTIONS)[number];
export type MenuActionId = MenuAction['id'];

const ids = MENU_ACTIONS.map((action) => action.id) as [MenuActionId, ...MenuActionId[]];

/** What may arrive on `crm:menu-action`: one of the ids above, nothing else. */
export const menuActionIdSchema = z.enum(ids);
