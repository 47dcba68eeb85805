/**
 * Pushing the outbox, batch after batch, and what a refusal does to the queue: a change
 * refused for its content is set aside (quarantine.ts) and the rest goes on; a batch too
 * large is split; a clock ahead, a gap in the numbers or a client id the server gives to
 * another token are repaired once per sync. Network and server failures are thrown: the
 * adapter retries them later with backoff.
 */
import type { PushRequest, PushResponse } from '../../../shared/sync/protocol';
import {
  SYNC_LIMITS,
  invalidChangeDetailsSchema,
  pushResponseSchema,
} from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import type { SyncRefusal } from '../domain/records';
import { acknowledge, newClientIdentity, nextBatch, renumberFrom, restampPending } from './outbox';
import { setAside } from './quarantine';
import type { SyncTransport } from './transport';
import { SyncServerError } from './transport';

type Batch = { request: PushRequest; seqs: number[] };

/** What a sync may repair only once (a second time means something else is wrong). */
type Repairs = { renumbered: boolean; restamped: boolean; reidentified: boolean };

export type PushOutcome = { pushed: number; setAside: number; serverTime: number | null };

export type PushOptions = {
  batchSize?: number;
  now?: () => number;
  onPushed?: (pushed: number) => void;
  /** Pushes in flight at once (PUSHES_IN_FLIGHT; 1 sends one at a time). */
  inFlight?: number;
};

/** The refused changes of a 422, by outbox key. Null when the answer names none usable. */
function refusedEntries(batch: Batch, details: unknown): Map<number, SyncRefusal[]> | null {
  const parsed = invalidChangeDetailsSchema.safeParse(details);
  if (!parsed.success) return null;
  const refused = new Map<number, SyncRefusal[]>();
  for (const { index, field, code, reason } of parsed.data.changes) {
    const seq = batch.seqs[index];
    if (seq === undefined) return null;
    refused.set(seq, [...(refused.get(seq) ?? []), { field, code, reason }]);
  }
  return refused;
}

function appliedThrough(details: unknown): number | null {
  const value = (details as { applied_through?: unknown } | undefined)?.applied_through;
  return typeof value === 'number' ? value : null;
}

/**
 * Handles one refused push. Returns the number of entries set aside (0 when the queue was
 * repaired in another way) and the batch size to go on with, or throws the error again.
 */
async function recover(
  db: CrmDatabase,
  error: unknown,
  batch: Batch,
  repairs: Repairs,
  options: PushOptions,
): Promise<{ setAside: number; batchSize?: number }> {
  if (!(error instanceof SyncServerError)) throw error;
  const details = error.details as { expected_seq?: unknown; server_time?: unknown } | undefined;
  const applied = appliedThrough(error.details);
  switch (error.code) {
    case 'invalid_change': {
      const refused = refusedEntries(batch, error.details);
      if (!refused || applied === null) break;
      // Earlier tries of this batch may have been applied: those entries are done.
      await acknowledge(db, batch.seqs, applied);
      const moved = await setAside(db, refused);
      if (moved > 0) return { setAside: moved };
      break;
    }
    case 'payload_too_large': {
      if (batch.seqs.length > 1)
        return { setAside: 0, batchSize: Math.ceil(batch.seqs.length / 2) };
      const only = batch.seqs[0] as number;
      const reason = `larger than the ${SYNC_LIMITS.maxBodyBytes / 1024 / 1024} MiB a push may carry`;
      return {
        setAside: await setAside(
          db,
          new Map([[only, [{ field: null, code: 'too_large', reason }]]]),
        ),
      };
    }
    case 'clock_drift': {
      if (repairs.restamped || typeof details?.server_time !== 'number') break;
      // Restamp only once the wall clock agrees with the server again (the user fixed it);
      // otherwise the error stands and the status tells the user to fix the clock.
      const sinceRefusal = (options.now ?? Date.now)() - details.server_time;
      if (Math.abs(sinceRefusal) >= SYNC_LIMITS.maxClockAheadMs / 2) break;
      // What the server already applied keeps its clocks: only the rest is stamped anew.
      if (applied !== null) await acknowledge(db, batch.seqs, applied);
      await restampPending(db);
      repairs.restamped = true;
      return { setAside: 0 };
    }
    case 'sequence_gap': {
      if (repairs.renumbered || typeof details?.expected_seq !== 'number') break;
      await renumberFrom(db, details.expected_seq);
      repairs.renumbered = true;
      return { setAside: 0 };
    }
    case 'client_id_taken':
    case 'sequence_reused': {
      if (repairs.reidentified) break;
      await newClientIdentity(db);
      repairs.reidentified = true;
      return { setAside: 0 };
    }
  }
  throw error;
}

/**
 * How many pushes the client keeps in flight: while the server's database writes batch n,
 * its JavaScript reads and checks batch n+1 (on PostgreSQL another process), and a slow
 * network costs one round trip per two batches instead of one per batch.
 */
export const PUSHES_IN_FLIGHT = 2;

type Answer = { ok: true; response: PushResponse } | { ok: false; error: unknown };

/** One push sent; `behind` when an earlier push was still unanswered as it was sent. */
type Sent = { batch: Batch; behind: boolean; answer: Promise<Answer> };

async function send(transport: SyncTransport, batch: Batch): Promise<Answer> {
  try {
    const body = await transport({ method: 'POST', path: '/v1/push', body: batch.request });
    return { ok: true, response: pushResponseSchema.parse(body) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Pushes the outbox until it is empty (or throws what cannot be repaired here).
 *
 * In rounds: a round sends the outbox's first batch, then keeps up to `PUSHES_IN_FLIGHT`
 * batches in flight, each numbered after the one before it, and takes their answers in the
 * order sent, acknowledging each 200. At the first answer that is not a 200 it sends nothing
 * more, waits until every push in flight has settled (a 200 among them is acknowledged:
 * `applied_through` is the server's word), and then repairs that one failure exactly as with
 * one push at a time, from the outbox as it now is; the next round starts again from the
 * outbox's first entry. A push sent behind a refused one met a gap on the server, which
 * stored nothing of it (a push is applied only when it starts right after the client's last
 * applied number, so the server's applied numbers are always a prefix: batch n+1 applied
 * means every number of batch n is). A gap answered to a push sent behind another may only
 * mean the server met it first: it is not repaired, the push is sent again at the head of the
 * next round, where a gap is a real one. Every round either acknowledges its first batch or
 * repairs it (or throws), as the loop of one push at a time did.
 */
export async function pushAll(
  db: CrmDatabase,
  transport: SyncTransport,
  options: PushOptions = {},
): Promise<PushOutcome> {
  const outcome: PushOutcome = { pushed: 0, setAside: 0, serverTime: null };
  const repairs: Repairs = { renumbered: false, restamped: false, reidentified: false };
  let batchSize = options.batchSize ?? SYNC_LIMITS.maxBatch;
  const window = Math.max(1, options.inFlight ?? PUSHES_IN_FLIGHT);
  for (;;) {
    const inFlight: Sent[] = [];
    let lastSent: number | undefined;
    const fill = async () => {
      while (inFlight.length < window) {
        const batch = await nextBatch(db, batchSize, lastSent);
        if (!batch) return;
        lastSent = batch.seqs[batch.seqs.length - 1];
        inFlight.push({ batch, behind: inFlight.length > 0, answer: send(transport, batch) });
      }
    };
    await fill();
    if (inFlight.length === 0) return outcome;
    let failed: { sent: Sent; error: unknown } | null = null;
    for (let sent = inFlight.shift(); sent; sent = inFlight.shift()) {
      const answer = await sent.answer;
      if (!answer.ok) {
        failed ??= { sent, error: answer.error };
        continue;
      }
      outcome.serverTime = answer.response.server_time;
      await acknowledge(db, sent.batch.seqs, answer.response.applied_through);
      outcome.pushed += sent.batch.seqs.length;
      options.onPushed?.(outcome.pushed);
      if (!failed) await fill();
    }
    if (!failed) continue;
    const { sent, error } = failed;
    // Behind another push, a gap may only say the server met this one first: send it again.
    if (sent.behind && error instanceof SyncServerError && error.code === 'sequence_gap') continue;
    const recovered = await recover(db, error, sent.batch, repairs, options);
    outcome.setAside += recovered.setAside;
    batchSize = recovered.batchSize ?? batchSize;
  }
}
