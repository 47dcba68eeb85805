import { useEffect } from 'react';
import { getPlatform } from '../../platform';
import { actionById } from './registry';
import { run } from './runner';

/**
 * The desktop app menu's half in the window: main sends the id of the item chosen (from the
 * shared manifest, src/shared/menu-actions.ts) and the action of that id runs here.
 */
export function MenuActionsEffect() {
  useEffect(() => {
    return getPlatform().onMenuAction?.((id) => {
      const action = actionById(id);
      if (action) void run(action);
    });
  }, []);
  return null;
}
