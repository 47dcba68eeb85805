/**
 * A sync burst: a pull writing page after page (a first sync: minutes of pages). While one
 * runs, the readers that follow writes (the search worker's catch-up, the duplicates refresh)
 * hold their work until it ends, within a maximum delay: each of their reads is a transaction
 * the next page's write waits behind (docs/sync.md, "First sync into an empty client").
 *
 * Announced on a BroadcastChannel per database, so workers and other windows hear it, and kept
 * here for readers in this window. Every page announces again: a reader started mid-burst
 * learns of it at the next page, and a burst whose window died (no end announced) lapses
 * after BURST_LEASE_MS without a page.
 */

/** A burst not announced again within this long is over (its window closed mid-pull). */
export const BURST_LEASE_MS = 60_000;

export type SyncBurstMessage = { active: boolean };

const channelName = (databaseName: string) => `encore-sync-burst:${databaseName}`;

/** When each database's burst in this window lapses (absent: none running). */
const localUntil = new Map<string, number>();
const channels = new Map<string, BroadcastChannel>();

function channel(databaseName: string): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let found = channels.get(databaseName);
  if (!found) {
    found = new BroadcastChannel(channelName(databaseName));
    // Node keeps the process alive for an open channel; a browser ignores this.
    (found as { unref?: () => void }).unref?.();
    channels.set(databaseName, found);
  }
  return found;
}

/** Says that a pull is writing pages of `databaseName` (again at each page), or that it ended. */
export function announceSyncBurst(databaseName: string, active: boolean, now = Date.now()): void {
  if (active) localUntil.set(databaseName, now + BURST_LEASE_MS);
  else localUntil.delete(databaseName);
  const message: SyncBurstMessage = { active };
  channel(databaseName)?.postMessage(message);
}

/** Whether a pull of this window is writing pages of `databaseName` now. */
export function syncBurstActive(databaseName: string, now = Date.now()): boolean {
  const until = localUntil.get(databaseName);
  return until !== undefined && now < until;
}

/** Hears the bursts announced by any window of `databaseName` (not this one's own channel). */
export function followSyncBursts(
  databaseName: string,
  onMessage: (active: boolean) => void,
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const listener = new BroadcastChannel(channelName(databaseName));
  (listener as { unref?: () => void }).unref?.();
  listener.onmessage = (event: MessageEvent<SyncBurstMessage>) => {
    if (typeof event.data?.active === 'boolean') onMessage(event.data.active);
  };
  return () => listener.close();
}
