import { describe, expect, it } from 'vitest';
import { actionById, GLOBAL_ACTIONS } from '../../src/renderer/src/app/actions/registry';
import { MENU_ACTIONS } from '../../src/shared/menu-actions';

describe('the action registry', () => {
  it('has an action for every item of the desktop menu', () => {
    for (const item of MENU_ACTIONS) expect(actionById(item.id)?.id, item.id).toBe(item.id);
  });

  it('names each action once and gives each single key to one action', () => {
    const ids = GLOBAL_ACTIONS.map((action) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = GLOBAL_ACTIONS.flatMap((action) => action.keys ?? []);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
