/**
 * Push over SQL. Everything that matters lives in the database (rows, clocks, versions,
 * client progress, digests of applied pushes), so any number of server processes can serve
 * one workspace. Pull is in pull.ts.
 */
import type { ChangeRefusal, PushResponse, SyncChange } from '../../src/shared/sync/protocol';
import type { Principal } from './auth';
import type { Database, Sql } from './db';
import { isRetryable, isUniqueViolation } from './db';
import {
  SyncError,
  digestChanges,
  checkClock,
  checkRepeatedContent,
  clocksFit,
  lockClientAndTakeVersion,
  readChanges,
} from './push-checks';
import { writePush, writePushInOneStatement } from './push-write';
import { markPush } from './push-trace';

export { SyncError } from './push-checks';
export { decodeCursor, encodeCursor, pull } from './pull';
export { mergeChange } from './push-write';

/**
 * Test seams around the version: `beforeVersion` runs at the start of the push's
 * transaction, just before the statement that locks the client row and takes the version;
 * `afterVersion` once the push is checked, before any row is written; both inside the push's
 * transaction (which they are given). A push given either runs step by step (there is no
 * "between" inside the one-statement push).
 */
export type PushHooks = {
  beforeVersion?: (tx: Sql) => Promise<void>;
  afterVersion?: (tx: Sql, version: number) => Promise<void>;
};

/**
 * Who pushes: the workspace (its id, and the key its rows are stored under), and the token
 * (its hash) the client id is bound to.
 */
export type Pusher = { workspaceId: string; workspaceKey: number; tokenHash: string };

/** The push as read from the body: the envelope checked, each change not yet. */
export type PushEnvelope = { client_id: string; first_seq: number; changes: unknown[] };

async function currentVersion(tx: Sql, workspaceId: string): Promise<number> {
  const rows = await tx.query<{ version: number | string }>(
    'SELECT version FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  return Number(rows[0]?.version ?? 0);
}

/** A push read and digested (CPU work, before any statement), for either way of writing it. */
export type ReadPush = {
  request: PushEnvelope;
  changes: (SyncChange | null)[];
  refusals: ChangeRefusal[];
  digests: string[];
  /** Each change's fields as canonical JSON, written as its row's data (push-write.ts). */
  fieldsTexts: (string | null)[];
  /**
   * The body as it came, when it is exactly UTF-8 JSON (no byte order mark, no bytes that are
   * not UTF-8), whose `changes` are `request.changes`: the one statement reads the rows from it.
   */
  body?: Uint8Array;
};

export function readPush(request: PushEnvelope, body?: Uint8Array): ReadPush {
  const { changes, refusals } = readChanges(request.changes);
  return {
    request,
    changes,
    refusals,
    ...digestChanges(request.changes, changes),
    ...(body ? { body } : {}),
  };
}

/**
 * Which clients push rows the server has already: most pushes carry rows the server has never
 * seen (a computer's first upload is all new rows, and so is every record created since), so
 * the one statement first inserts them plainly, without `ON CONFLICT` (push-write.ts,
 * insertPart). A push that meets a stored row fails as a whole, writes nothing, and runs
 * again as an upsert; its client then upserts at once for its next UPSERT_PUSHES pushes
 * (a computer editing existing rows pays the failed try once per that many pushes, not on
 * each). A hint only, per process and bounded: the result is the same either way.
 */
const UPSERT_PUSHES = 16;
const MAX_UPSERTING = 10_000;
const upserting = new Map<string, number>();

function rowsLikelyNew(client: string): boolean {
  const left = upserting.get(client);
  if (left === undefined) return true;
  if (left <= 1) upserting.delete(client);
  else upserting.set(client, left - 1);
  return false;
}

function metStoredRows(client: string): void {
  if (upserting.size >= MAX_UPSERTING) upserting.clear();
  upserting.set(client, UPSERT_PUSHES);
}

/**
 * A client's pushes in flight in this server (one per `createApp`, so per process), by token
 * and client id. The app keeps two pushes in flight (push.ts, PUSHES_IN_FLIGHT): when batch
 * n+1 arrives while batch n of the same client is still being written here, it must not be
 * stored before n, nor instead of n, nor answered before n.
 *
 * `early`, when given, is n+1's one statement (pushInOneStatement), sent at once, once n's
 * own statement is on its way: the database orders the two (n+1's statement locks the client
 * row, so it waits for n's to commit or roll back, then moves on only if the client's progress
 * ends right where n+1 starts: push-write.ts), so n+1's parameters, parse and plan overlap n's
 * write instead of following it. Its answer goes out only after n has settled (answers in the
 * order the pushes were stored). When it wrote nothing (n failed, or had not locked the row
 * yet, or anything the step-by-step push explains) n+1 waits for n to settle and runs `run`,
 * as a push behind n always did: a gap is answered then, never stored.
 *
 * Without `early` the push right behind n waits for n to settle before it touches the
 * database, so that pipelining does not turn into gap answers. Its reading, checks and
 * digests have run by then, in parallel with n's write. Only a push that starts exactly where
 * the one in flight ends waits; anything else runs at once, and the database decides as
 * always (across server processes the client row's lock orders them, or a gap is answered).
 * An entry lives only while its push runs.
 */
export type ClientOrder = {
  <T>(
    tokenHash: string | null,
    request: PushEnvelope,
    run: () => Promise<T>,
    early?: () => Promise<T | null>,
  ): Promise<T>;
  /** How many clients have a push in flight (tests: none left behind). */
  pushing(): number;
};

type InFlight = { next: number; started: Promise<void>; settled: Promise<void> };

export function clientOrder(): ClientOrder {
  const pushing = new Map<string, InFlight>();
  const inOrder = async <T>(
    tokenHash: string | null,
    request: PushEnvelope,
    run: () => Promise<T>,
    early?: () => Promise<T | null>,
  ): Promise<T> => {
    if (!tokenHash) return run();
    const key = `${tokenHash} ${request.client_id}`;
    const before = pushing.get(key);
    let start = () => {};
    let settle = () => {};
    const mine: InFlight = {
      next: request.first_seq + request.changes.length,
      started: new Promise<void>((resolve) => {
        start = resolve;
      }),
      settled: new Promise<void>((resolve) => {
        settle = resolve;
      }),
    };
    pushing.set(key, mine);
    try {
      if (before && before.next === request.first_seq) {
        if (early) {
          // n's statement first on the wire (it locks the client row before n+1's can).
          await before.started;
          start();
          let written: T | null;
          try {
            written = await early();
          } finally {
            await before.settled;
          }
          if (written !== null) return written;
        } else await before.settled;
      }
      markPush('waitDone');
      start();
      return await run();
    } finally {
      markPush('settled');
      start();
      settle();
      if (pushing.get(key) === mine) pushing.delete(key);
    }
  };
  return Object.assign(inOrder, { pushing: () => pushing.size });
}

/**
 * The common push (right after the client's last one, every change fit, its token valid) in
 * ONE statement that also checks the token (writePushInOneStatement), its rows inserted
 * plainly when they are likely new (above; a stored row among them: the statement runs again
 * as an upsert). Null when that statement wrote nothing (an unknown or revoked token, a first
 * push, a retry, a gap, another token's client id) or met a deadlock: the caller checks the
 * token and runs `push`, which explains each case. A push with test hooks is never written
 * this way.
 */
export async function pushInOneStatement(
  db: Database,
  tokenHash: string,
  read: ReadPush,
  serverNow: number,
): Promise<{ response: PushResponse; principal: Principal } | null> {
  const { request, changes, refusals, digests, fieldsTexts } = read;
  if (refusals.length > 0 || !clocksFit(changes as SyncChange[], serverNow)) return null;
  const client = `${tokenHash} ${request.client_id}`;
  const write = (rowsAreNew: boolean) =>
    writePushInOneStatement(
      db,
      tokenHash,
      {
        clientId: request.client_id,
        firstSeq: request.first_seq,
        changes: changes as SyncChange[],
        fieldsTexts: fieldsTexts as string[],
        ...(read.body ? { body: read.body } : {}),
      },
      digests,
      rowsAreNew,
    );
  try {
    let written;
    if (rowsLikelyNew(client)) {
      try {
        written = await write(true);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        metStoredRows(client);
        written = await write(false);
      }
    } else written = await write(false);
    if (!written) return null;
    return {
      response: {
        applied_through: request.first_seq + changes.length - 1,
        version: written.version,
        duplicate: false,
        server_time: serverNow,
      },
      principal: written.principal,
    };
  } catch (error) {
    if (isRetryable(error)) return null;
    throw error;
  }
}

/**
 * One push, step by step in one transaction, for a pusher whose token was checked: lock the
 * client's progress (bound to the token), refuse a gap or a reused sequence with other
 * content, skip what was already applied, refuse the whole push when any new change is bad
 * (422, each bad change named), merge the rest field by field, take a version, record
 * progress and digests. `read` when the push was read already (a one-statement try before).
 */
export async function push(
  db: Database,
  pusher: Pusher,
  request: PushEnvelope,
  serverNow: number = Date.now(),
  hooks: PushHooks = {},
  read: ReadPush = readPush(request),
): Promise<PushResponse> {
  const { workspaceId } = pusher;
  const { changes, refusals, digests, fieldsTexts } = read;
  const lastInBatch = request.first_seq + changes.length - 1;
  return db.transaction(async (tx) => {
    await hooks.beforeVersion?.(tx);
    const { lastSeq, version } = await lockClientAndTakeVersion(
      tx,
      workspaceId,
      request,
      pusher.tokenHash,
    );
    if (request.first_seq > lastSeq + 1)
      throw new SyncError(
        'sequence_gap',
        409,
        `Changes ${lastSeq + 1} to ${request.first_seq - 1} of this client never arrived; send from ${lastSeq + 1}.`,
        { expected_seq: lastSeq + 1 },
      );
    await checkRepeatedContent(tx, workspaceId, request, lastSeq);
    const freshFrom = lastSeq + 1 - request.first_seq;
    if (freshFrom >= changes.length)
      return {
        applied_through: lastSeq,
        version: await currentVersion(tx, workspaceId),
        duplicate: true,
        server_time: serverNow,
      };
    if (version === null) throw new Error('the push took no version');
    const refused = refusals.filter((refusal) => refusal.index >= freshFrom);
    if (refused.length > 0)
      throw new SyncError(
        'invalid_change',
        422,
        `${new Set(refused.map((r) => r.index)).size} change(s) of this push do not fit the sync schema; nothing of the push was stored.`,
        { applied_through: lastSeq, changes: refused },
      );
    const fresh = changes.slice(freshFrom) as SyncChange[];
    checkClock(fresh, serverNow, lastSeq);
    await hooks.afterVersion?.(tx, version);
    await writePush(tx, pusher, version, fresh, fieldsTexts.slice(freshFrom) as string[], {
      clientId: request.client_id,
      firstSeq: lastSeq + 1,
      digests: digests.slice(freshFrom),
    });
    return { applied_through: lastInBatch, version, duplicate: false, server_time: serverNow };
  });
}
