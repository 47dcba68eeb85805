/** Sync, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import type { SetAsideChange } from '../../hooks/sync/use-sync-quarantine';
import { fail, ok } from '../../domain/result';
import type { SyncSettings } from '../../sync/sync-adapter';
import { crm } from '../../services/registry';

export function setAsideSubject(change: SetAsideChange): string {
  return change.customer ? `${change.what} of ${change.customer.name}` : change.what;
}

export const syncNow = defineAction({
  id: 'sync-now',
  label: 'Sync now',
  perform: () => crm().sync.syncNow(),
});

/** `token`: undefined keeps the saved token, null forgets it. */
export const saveSyncSettings = defineAction<{
  settings: SyncSettings;
  token: string | null | undefined;
}>({
  id: 'save-sync-settings',
  label: 'Save sync settings',
  perform: async ({ settings, token }) => {
    await crm().sync.saveSettings(settings, token);
    const message =
      token === null
        ? 'Token removed from this computer; sync is off'
        : settings.enabled
          ? 'Sync settings saved'
          : 'Sync turned off';
    return { ...ok(), message };
  },
});

export const retrySetAside = defineAction<SetAsideChange>({
  id: 'retry-set-aside',
  label: 'Retry a set-aside change',
  perform: async (change) => {
    const result = await crm().sync.retrySetAside(change.id);
    if (result.status === 'still-invalid')
      return fail(
        `Still refused: ${result.problems.map((problem) => problem.reason).join('; ')}. Correct it first, then retry.`,
      );
    return { ...ok(), message: `${setAsideSubject(change)}: sent again` };
  },
});

export const discardSetAside = defineAction<SetAsideChange>({
  id: 'discard-set-aside',
  label: 'Discard a set-aside change',
  perform: async (change) => {
    await crm().sync.discardSetAside(change.id);
    return { ...ok(), message: `${setAsideSubject(change)}: kept on this computer only` };
  },
});

export const syncActions = [syncNow];
