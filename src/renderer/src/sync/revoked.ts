/**
 * A computer an admin removed from the workspace (its token revoked): the server says so
 * (401 with details.reason "revoked"); the app then shows one clear message and stops
 * calling the server with that token, until a new token or invite code is entered.
 */
import type { CrmDatabase } from '../db/database';
import { fixAction } from './fix-action';
import { SyncServerError } from './transport';
import { SYNC_KEYS } from './sync-state';

export const REVOKED_ERROR = {
  message: 'A workspace admin removed this computer from the workspace.',
  action: fixAction('join', 'elsewhere'),
  fix: 'join' as const,
};

export function isRevocation(error: unknown): boolean {
  if (!(error instanceof SyncServerError) || error.code !== 'unauthorized') return false;
  const details = error.details as { reason?: unknown } | undefined;
  return details?.reason === 'revoked';
}

export async function markRevoked(db: CrmDatabase): Promise<void> {
  await db.sync_state.put({ key: SYNC_KEYS.revokedAt, value: new Date().toISOString() });
}

export async function clearRevoked(db: CrmDatabase): Promise<void> {
  await db.sync_state.delete(SYNC_KEYS.revokedAt);
}

export async function isRevokedHere(db: CrmDatabase): Promise<boolean> {
  return (await db.sync_state.get(SYNC_KEYS.revokedAt)) !== undefined;
}
