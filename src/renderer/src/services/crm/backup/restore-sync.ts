/**
 * Sync bookkeeping after a restore. Restored rows are written without change capture: their
 * clocks are the ones they had, so a teammate's newer edit still wins when it is pulled, and
 * nothing old is pushed as if it were new. What the backup's outbox still held is pushed.
 *
 * The device gets a new sync client id: the server drops pushes whose sequence numbers it has
 * already seen from a client, and after a restore this client's numbers would start again
 * from where the backup left them (or, on a second computer, collide with the first's).
 */
import { maxHlc } from '@shared/sync/hlc';
import { CAPTURE_STATE_KEY, HLC_STATE_KEY } from '../../../db/change-capture-middleware';
import type { OutboxEntry, SyncStateEntry } from '../../../domain/records';
import { SYNC_KEYS } from '../../../sync/sync-state';

const asClock = (entry: SyncStateEntry | undefined) =>
  typeof entry?.value === 'string' ? entry.value : undefined;

/**
 * The backup's sync_state, with: a new client id, no push numbering yet, clocks never
 * behind what this device already handed out or saw (clocks must not run backwards), and
 * the backup's change capture state ('all' when it has none).
 */
export function restoredSyncState(
  fromBackup: readonly SyncStateEntry[],
  onThisDevice: readonly SyncStateEntry[],
  newClientId: string,
): SyncStateEntry[] {
  const device = new Map(onThisDevice.map((entry) => [entry.key, entry]));
  const out = new Map(fromBackup.map((entry) => [entry.key, { ...entry }]));
  out.set(SYNC_KEYS.clientId, { key: SYNC_KEYS.clientId, value: newClientId });
  out.delete(SYNC_KEYS.nextPushSeq);
  // A backup without the key comes from a database that captured every change: so does this.
  if (!out.has(CAPTURE_STATE_KEY))
    out.set(CAPTURE_STATE_KEY, { key: CAPTURE_STATE_KEY, value: 'all' });
  for (const key of [HLC_STATE_KEY, SYNC_KEYS.remoteClockMax]) {
    const latest = maxHlc(asClock(out.get(key)), asClock(device.get(key)));
    if (latest !== undefined) out.set(key, { key, value: latest });
  }
  return [...out.values()];
}

/** Outbox entries as restored: numbered again by the next push, under the new client id. */
export function restoredOutboxEntry(entry: OutboxEntry): OutboxEntry {
  const { push_seq: _unsent, ...rest } = entry;
  return rest;
}
