/**
 * One sync: push the outbox in batches until it is empty, then pull pages until the server
 * has nothing newer. Holds no state between calls beyond what the database stores, so a
 * crash at any point only means the next sync redoes some work.
 */
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';
import { SYNC_LIMITS, pullResponseSchema, pushResponseSchema } from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import { applyPage } from './apply';
import type { RejectedRow } from './apply';
import { acknowledge, nextBatch, renumberFrom, restampPending } from './outbox';
import { SYNC_KEYS } from './sync-state';
import type { SyncTransport } from './transport';
import { SyncServerError } from './transport';

export type SyncProgress =
  { phase: 'push'; pushed: number } | { phase: 'pull'; pulled: number; total: number | null };

export type SyncResult = {
  pushed: number;
  pulled: number;
  rejected: RejectedRow[];
  /** Server clock minus ours, in ms, from the last response. */
  skewMs: number;
};

export type SyncOptions = {
  batchSize?: number;
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  now?: () => number;
};

async function pushAll(
  db: CrmDatabase,
  transport: SyncTransport,
  options: SyncOptions,
): Promise<{ pushed: number; serverTime: number | null }> {
  let pushed = 0;
  let serverTime: number | null = null;
  let renumbered = false;
  let restamped = false;
  for (;;) {
    const batch = await nextBatch(db, options.batchSize ?? SYNC_LIMITS.maxBatch);
    if (!batch) return { pushed, serverTime };
    let response: PushResponse;
    try {
      response = pushResponseSchema.parse(
        await transport({
          method: 'POST',
          path: '/v1/push',
          body: batch.request satisfies PushRequest,
        }),
      );
    } catch (error) {
      const details = (error as SyncServerError).details as
        { expected_seq?: unknown; server_time?: unknown } | undefined;
      if (
        error instanceof SyncServerError &&
        error.code === 'clock_drift' &&
        typeof details?.server_time === 'number' &&
        !restamped
      ) {
        // Restamp only once the wall clock agrees with the server again (the user fixed it);
        // otherwise the error stands and the status tells the user to fix the clock.
        const sinceRefusal = (options.now ?? Date.now)() - details.server_time;
        if (Math.abs(sinceRefusal) < SYNC_LIMITS.maxClockAheadMs / 2) {
          await restampPending(db);
          restamped = true;
          continue;
        }
      }
      const expected = details;
      if (
        error instanceof SyncServerError &&
        error.code === 'sequence_gap' &&
        typeof expected?.expected_seq === 'number' &&
        !renumbered
      ) {
        await renumberFrom(db, expected.expected_seq);
        renumbered = true;
        continue;
      }
      throw error;
    }
    serverTime = response.server_time;
    await acknowledge(db, batch.seqs, response.applied_through);
    pushed += batch.seqs.length;
    options.onProgress?.({ phase: 'push', pushed });
  }
}

/** Pulls every page after the saved cursor (syncOnce pushes first; this is the pull alone). */
export async function pullAll(
  db: CrmDatabase,
  transport: SyncTransport,
  options: SyncOptions,
): Promise<{ pulled: number; rejected: RejectedRow[]; serverTime: number | null }> {
  let pulled = 0;
  let total: number | null = null;
  let serverTime: number | null = null;
  const rejected: RejectedRow[] = [];
  for (let first = true; ; first = false) {
    const saved = await db.sync_state.get(SYNC_KEYS.cursor);
    const cursor = typeof saved?.value === 'string' ? saved.value : '';
    const query = new URLSearchParams({
      limit: String(options.pageSize ?? SYNC_LIMITS.defaultPullLimit),
    });
    if (cursor) query.set('cursor', cursor);
    if (first) query.set('count', '1');
    const page: PullResponse = pullResponseSchema.parse(
      await transport({ method: 'GET', path: `/v1/pull?${query.toString()}` }),
    );
    serverTime = page.server_time;
    if (page.total !== undefined) total = page.total;
    const result = await applyPage(db, page.changes, page.cursor);
    rejected.push(...result.rejected);
    pulled += page.changes.length;
    options.onProgress?.({ phase: 'pull', pulled, total });
    if (!page.has_more) return { pulled, rejected, serverTime };
  }
}

export async function syncOnce(
  db: CrmDatabase,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const push = await pushAll(db, transport, options);
  const pull = await pullAll(db, transport, options);
  const serverTime = pull.serverTime ?? push.serverTime;
  await db.sync_state.put({ key: SYNC_KEYS.lastSyncedAt, value: new Date(now()).toISOString() });
  return {
    pushed: push.pushed,
    pulled: pull.pulled,
    rejected: pull.rejected,
    skewMs: serverTime === null ? 0 : serverTime - now(),
  };
}
