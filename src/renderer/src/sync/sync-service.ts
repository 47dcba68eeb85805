/** The app's sync adapter, with the token kept by the platform (safeStorage in Electron). */
import type { CrmDatabase } from '../db/database';
import { getPlatform } from '../platform';
import { createSyncAdapter } from './sync-adapter';

export function createSyncService(db: CrmDatabase) {
  return createSyncAdapter({
    db,
    tokens: {
      get: () => getPlatform().getSyncToken(),
      set: (token) => getPlatform().setSyncToken(token),
    },
  });
}
