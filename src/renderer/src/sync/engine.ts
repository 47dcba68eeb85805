/**
 * One sync: queue every existing row if this is the first (initial-upload.ts), push the outbox in batches until it is empty, then pull pages until the server
 * has nothing newer. A push that fails does not stop the pull (the team's changes still
 * arrive) unless the server cannot be reached or refuses us. Holds no state between calls
 * beyond what the database stores, so a crash at any point only means the next sync redoes
 * some work.
 */
import type { PullResponse } from '../../../shared/sync/protocol';
import { SYNC_LIMITS, pullResponseSchema } from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import { applyPage } from './apply';
import { completeInitialUpload } from './initial-upload';
import type { RejectedRow } from './apply';
import { pushAll } from './push';
import { carryMergedEdits, lateProfileEdits, type LateEdit } from './carry-merged-edits';
import { customersOfPage, redirectMergedCustomers } from './redirect-merged';
import { noneTouched, settleConflicts } from './resolve';
import type { PushOutcome } from './push';
import { SYNC_KEYS } from './sync-state';
import type { SyncTransport } from './transport';
import { SyncAddressError, SyncOfflineError, SyncServerError } from './transport';

export type SyncProgress =
  { phase: 'push'; pushed: number } | { phase: 'pull'; pulled: number; total: number | null };

export type SyncResult = {
  pushed: number;
  /** Changes the server refused for their content in this sync, now in sync_quarantine. */
  setAside: number;
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
  const customers = new Set<string>();
  const lateEdits = new Map<string, LateEdit>();
  const touched = noneTouched();
  const fetchPage = async (cursor: string, first: boolean): Promise<PullResponse> => {
    const query = new URLSearchParams({
      // The largest page the server gives: each page is applied in one transaction, and
      // fewer, larger transactions cost less per row (the first sync brings every row).
      limit: String(options.pageSize ?? SYNC_LIMITS.maxPullLimit),
    });
    if (cursor) query.set('cursor', cursor);
    if (first) query.set('count', '1');
    return pullResponseSchema.parse(
      await transport({ method: 'GET', path: `/v1/pull?${query.toString()}` }),
    );
  };
  const saved = await db.sync_state.get(SYNC_KEYS.cursor);
  let next = fetchPage(typeof saved?.value === 'string' ? saved.value : '', true);
  for (;;) {
    const page = await next;
    // The next page downloads while this one is written (a first sync is a long run of
    // pages). Its cursor is this page's, which applyPage saves with the page; if the write
    // fails, the page fetched ahead is dropped and the next sync asks for it again.
    if (page.has_more) {
      next = fetchPage(page.cursor, false);
      next.catch(() => undefined); // awaited on the next turn; not an unhandled rejection
    }
    serverTime = page.server_time;
    if (page.total !== undefined) total = page.total;
    const result = await applyPage(db, page.changes, page.cursor, touched);
    for (const id of customersOfPage(page.changes)) customers.add(id);
    for (const edit of lateProfileEdits(page.changes)) lateEdits.set(edit.id, edit);
    rejected.push(...result.rejected);
    pulled += page.changes.length;
    options.onProgress?.({ phase: 'pull', pulled, total });
    if (!page.has_more) {
      // With every page in, the conflict groups the pull touched get the state their claims
      // give: a row an earlier partial view dropped that the whole view keeps comes back.
      await settleConflicts(db, touched);
      // Edits of customers merged away here move to their survivor (pushed next sync).
      await redirectMergedCustomers(db, customers);
      // Their own fields edited after the merge are queued for the survivor, by field clocks.
      await carryMergedEdits(db, lateEdits);
      return { pulled, rejected, serverTime };
    }
  }
}

/** Whether pulling is still worth it after the push failed with `error`. */
function pullDespite(error: unknown): boolean {
  if (error instanceof SyncOfflineError || error instanceof SyncAddressError) return false;
  return !(error instanceof SyncServerError && error.code === 'unauthorized');
}

export async function syncOnce(
  db: CrmDatabase,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  // The first sync queues what was written while no sync was configured (initial-upload.ts).
  await completeInitialUpload(db);
  let push: PushOutcome = { pushed: 0, setAside: 0, serverTime: null };
  let pushError: { error: unknown } | null = null;
  try {
    push = await pushAll(db, transport, {
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      now,
      onPushed: (pushed) => options.onProgress?.({ phase: 'push', pushed }),
    });
  } catch (error) {
    if (!pullDespite(error)) throw error;
    pushError = { error };
  }
  const pull = await pullAll(db, transport, options);
  // The pull went through, but the changes that failed to go are still waiting: say so.
  if (pushError) throw pushError.error;
  const serverTime = pull.serverTime ?? push.serverTime;
  await db.sync_state.put({ key: SYNC_KEYS.lastSyncedAt, value: new Date(now()).toISOString() });
  return {
    pushed: push.pushed,
    setAside: push.setAside,
    pulled: pull.pulled,
    rejected: pull.rejected,
    skewMs: serverTime === null ? 0 : serverTime - now(),
  };
}
