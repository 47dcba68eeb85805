/** What a sync problem asks the user to do, worded for where it is read. */

/** What the user changes to fix it: the token, the server address, or joining again. */
export type SyncFix = 'token' | 'address' | 'join';

/**
 * Where an action is read: the sidebar's tooltip (`elsewhere`), Settings → Sync itself, or
 * Team access just below it. Told "Paste a current token in Settings → Sync" while in
 * Settings → Sync, the user looks for another place.
 */
export type ReadIn = 'elsewhere' | 'sync' | 'team';

const ASK_ADMIN = '(ask your workspace admin for one)';
const DATA_STAYS =
  'Your data stays on this computer. To sync again, ask an admin for an invite code';

const FIX_ACTIONS: Record<SyncFix, Record<ReadIn, string>> = {
  token: {
    elsewhere: `Paste a current token in Settings → Sync ${ASK_ADMIN}.`,
    sync: `Paste a current token in the Access token field above, then Save ${ASK_ADMIN}.`,
    team: `Paste a current token in Sync, above ${ASK_ADMIN}.`,
  },
  address: {
    elsewhere: 'Change the server address in Settings → Sync.',
    sync: 'Change the server address above, then Save.',
    team: 'Change the server address in Sync, above.',
  },
  join: {
    elsewhere: `${DATA_STAYS} and join in Settings → Team access.`,
    sync: `${DATA_STAYS} and join with it in Team access, below.`,
    team: `${DATA_STAYS} and join with it below.`,
  },
};

/** The action for a fix, worded for where it is read. */
export function fixAction(fix: SyncFix, readIn: ReadIn): string {
  return FIX_ACTIONS[fix][readIn];
}

/** An error's action as read in `readIn` (its own words when it names no fix). */
export function actionIn(error: { action: string; fix?: SyncFix }, readIn: ReadIn): string {
  return error.fix ? fixAction(error.fix, readIn) : error.action;
}
