/**
 * Every global action (one that needs nothing but the context), as one list: each feature
 * contributes its own. The keyboard, the Electron menu (by id, src/shared/menu-actions.ts) and
 * the command palette read it, so a shortcut shown anywhere is the shortcut that works.
 */
import { backupActions } from '../../components/backup/backup-actions';
import { customerActions } from '../../components/customers/customer-actions';
import { dealActions } from '../../components/deals/deal-actions';
import { duplicateActions } from '../../components/duplicates/duplicate-actions';
import { importActions } from '../../components/import/import-actions';
import { reportActions } from '../../components/reports/report-actions';
import { relationshipActions } from '../../components/relationships/relationship-actions';
import { settingsActions } from '../../components/settings/settings-actions';
import { syncActions } from '../../components/sync/sync-actions';
import { taskActions } from '../../components/tasks/task-actions';
import { defineAction } from './define';
import type { GlobalAction } from './types';
import { usePaletteStore } from './palette-store';

export const openPalette = defineAction({
  id: 'open-palette',
  label: 'Open the command palette',
  perform: () => usePaletteStore.getState().setOpen(true),
});

export const GLOBAL_ACTIONS: readonly GlobalAction[] = [
  ...customerActions,
  ...dealActions,
  ...taskActions,
  ...relationshipActions,
  ...duplicateActions,
  ...reportActions,
  ...importActions,
  ...settingsActions,
  ...syncActions,
  ...backupActions,
  openPalette,
];

export function actionById(id: string): GlobalAction | undefined {
  return GLOBAL_ACTIONS.find((action) => action.id === id);
}

/** The single key of an action, for hints beside buttons ("New customer c"). */
export function shortcutFor(id: string): string | undefined {
  return actionById(id)?.keys?.[0];
}
