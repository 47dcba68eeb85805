/**
 * What a push must pass before anything of it is stored: every change of the protocol's
 * shape, of a synced table, each field of its type (the shared schemas); its clocks not from
 * the future; its client id used by this token only; a retried sequence number carrying the
 * content it carried the first time.
 */
import { hash } from 'node:crypto';
import { hlcMillis, maxHlc } from '../../src/shared/sync/hlc';
import type { ChangeRefusal, SyncChange, SyncErrorCode } from '../../src/shared/sync/protocol';
import { SYNC_LIMITS, changeSchema, plainChange } from '../../src/shared/sync/protocol';
import { fieldProblems } from '../../src/shared/sync/tables';
import type { Sql } from './db';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Reads each change of a push on its own. Returns the parsed changes (null where malformed)
 * and every refusal, by index: a malformed change, an unknown table or field, a value not
 * of its field's type (control characters included).
 */
export function readChanges(raw: readonly unknown[]): {
  changes: (SyncChange | null)[];
  refusals: ChangeRefusal[];
} {
  const refusals: ChangeRefusal[] = [];
  const changes = raw.map((candidate, index) => {
    const plain = plainChange(candidate);
    if (plain) {
      for (const problem of fieldProblems(plain.table, plain.fields ?? {}))
        refusals.push({ index, ...problem });
      return plain;
    }
    const parsed = changeSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      refusals.push({
        index,
        field: null,
        code: 'malformed_change',
        reason: `not a change of the sync protocol: ${issue?.message ?? 'invalid'}${at}`,
      });
      return null;
    }
    const change = parsed.data;
    const problems = fieldProblems(change.table, change.fields ?? {});
    for (const problem of problems) refusals.push({ index, ...problem });
    return change;
  });
  return { changes, refusals };
}

/** How far the latest clock of these changes is ahead of the server's, in ms (0: none). */
function clockAheadMs(changes: readonly SyncChange[], serverNow: number): number {
  const latest = changes.reduce<string | undefined>((max, c) => maxHlc(max, c.hlc), undefined);
  return latest ? hlcMillis(latest) - serverNow : 0;
}

/** Whether no clock of these changes is too far ahead of the server's (what checkClock refuses). */
export function clocksFit(changes: readonly SyncChange[], serverNow: number): boolean {
  return clockAheadMs(changes, serverNow) <= SYNC_LIMITS.maxClockAheadMs;
}

/** Refuses a push whose latest clock is too far ahead of the server's (nothing is stored). */
export function checkClock(
  changes: readonly SyncChange[],
  serverNow: number,
  appliedThrough: number,
): void {
  const ahead = clockAheadMs(changes, serverNow);
  if (ahead <= SYNC_LIMITS.maxClockAheadMs) return;
  const minutes = Math.round(ahead / 60_000);
  throw new SyncError(
    'clock_drift',
    422,
    `This computer's clock is about ${minutes} minutes ahead of the server. Set the correct time (automatic time in the system settings), then sync again.`,
    { ahead_ms: ahead, server_time: serverNow, applied_through: appliedThrough },
  );
}

/**
 * JSON with object keys sorted (UTF-16 order, as `sort()`), so equal content gives equal text
 * whatever the key order; undefined members left out, as JSON.stringify does. This is the
 * digest's definition; `canonicalJson` below gives the same text faster. Its output must
 * never change (digests of applied pushes are stored): a test pins two digests.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i > 0 ? ',' : '') + canonical(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const inner = object[key];
    if (inner === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(inner)}`;
    first = false;
  }
  return `${text}}`;
}

/** Thrown inside `sortedCopy` for what the engine's JSON.stringify would write otherwise. */
const UNUSUAL = Symbol('unusual');

const isArrayIndex = (key: string) => /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;

/**
 * The value with every object's keys in sorted order: the objects already sorted and holding
 * no object are kept, the others copied. Throws UNUSUAL for an object that is not plain (a
 * Date, whose toJSON JSON.stringify would call), a `__proto__` key (which a copy would
 * turn into a prototype), a function, or an array-index key; a push's changes have none.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      copy ??= value.slice();
      copy[i] = sortedCopy(item);
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw UNUSUAL;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // An array-index key ("0", "12") is always enumerated first, so a copy cannot put it in
  // sorted place; Object.keys lists such keys first, so the first key tells.
  if (keys.length > 0 && isArrayIndex(keys[0] as string)) throw UNUSUAL;
  let keep = true;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (key === '__proto__') throw UNUSUAL;
    const inner = object[key];
    // A member JSON.stringify leaves out where `canonical` writes null (not from JSON).
    if (typeof inner === 'function' || typeof inner === 'symbol') throw UNUSUAL;
    if ((i > 0 && (keys[i - 1] as string) > key) || (inner !== null && typeof inner === 'object'))
      keep = false;
  }
  if (keep) return value;
  keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = sortedCopy(object[key]);
  return copy;
}

/**
 * `canonical(value)`, by the engine's JSON.stringify over a copy with sorted keys: half the
 * cost of building the text by hand (measured on a push's changes). Falls back to
 * `canonical` for what JSON.parse never gives. tests/server/push-read.test.ts checks both
 * agree on random values.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value)) ?? 'null';
  } catch (error) {
    if (error === UNUSUAL) return canonical(value);
    throw error;
  }
}

const DIGEST_CHARS = 16;

/**
 * 64 bits of SHA-256 of a change's content: enough to tell a different change apart. The
 * one-shot `hash()` is a quarter of the cost of a Hash object per change (measured, 500 a push).
 */
export function changeDigest(change: unknown): string {
  return hash('sha256', canonicalJson(change), 'hex').slice(0, DIGEST_CHARS);
}

/**
 * Locks the client's progress row (creating it, bound to this token) and takes the push's
 * version, in ONE statement (one round trip fewer per push). Returns the client's last
 * applied sequence and the version, or null for the version when nothing of the push is new
 * (a retry: no version is taken). A client id of another token is refused here (its
 * rollback gives the version back).
 *
 * The version is read and written by one UPDATE under the workspace row's lock, held until
 * COMMIT: no push of this workspace can take version v+1 before the one holding v has
 * committed, so a puller that sees a row of v+1 has every row of v and before visible. The
 * client row is locked first (the UPDATE reads it), as before. A push refused after this
 * (a gap, a reused sequence, a bad change, clock drift) throws, and its rollback gives the
 * version back.
 */
export async function lockClientAndTakeVersion(
  tx: Sql,
  workspaceId: string,
  request: { client_id: string; first_seq: number; changes: readonly unknown[] },
  tokenHash: string,
): Promise<{ lastSeq: number; version: number | null }> {
  // A client id first used by another token is refused: its sequence numbers belong to that
  // token's computer. A client recorded before tokens were bound is bound to this token.
  const rows = await tx.query<{
    last_seq: number | string;
    token_hash: string;
    version: number | string | null;
  }>(
    `WITH client AS (
  INSERT INTO sync_clients AS c (workspace_id, client_id, token_hash) VALUES ($1, $2, $3)
  ON CONFLICT (workspace_id, client_id) DO UPDATE SET token_hash = coalesce(c.token_hash, EXCLUDED.token_hash)
  RETURNING last_seq, token_hash),
taken AS (
  UPDATE workspaces SET version = version + 1
  WHERE id = $1 AND (SELECT last_seq < $4 FROM client)
  RETURNING version)
SELECT client.last_seq, client.token_hash, (SELECT version FROM taken) AS version FROM client`,
    [workspaceId, request.client_id, tokenHash, request.first_seq + request.changes.length - 1],
    { prepare: true },
  );
  const row = rows[0];
  if (row && row.token_hash !== tokenHash)
    throw new SyncError(
      'client_id_taken',
      403,
      'This client id is already used with another sync token. A computer keeps one client id per token: start a new one (the app does this when its token changes).',
    );
  const version = row?.version ?? null;
  return {
    lastSeq: Number(row?.last_seq ?? 0),
    version: version === null ? null : Number(version),
  };
}

/**
 * A push that repeats sequence numbers already applied (a retry, an overlap) must repeat
 * their content: compares each with the digest stored when it was applied. Sequences applied
 * before digests were kept are taken on trust.
 */
export async function checkRepeatedContent(
  tx: Sql,
  workspaceId: string,
  request: { client_id: string; first_seq: number; changes: readonly unknown[] },
  lastSeq: number,
): Promise<void> {
  const repeatedThrough = Math.min(lastSeq, request.first_seq + request.changes.length - 1);
  if (repeatedThrough < request.first_seq) return;
  const batches = await tx.query<{ first_seq: number | string; digests: string }>(
    `SELECT first_seq, digests FROM sync_batches
     WHERE workspace_id = $1 AND client_id = $2 AND first_seq <= $4 AND last_seq >= $3`,
    [workspaceId, request.client_id, request.first_seq, repeatedThrough],
  );
  for (const batch of batches) {
    const batchFirst = Number(batch.first_seq);
    for (let seq = Math.max(batchFirst, request.first_seq); seq <= repeatedThrough; seq += 1) {
      const offset = (seq - batchFirst) * DIGEST_CHARS;
      const stored = batch.digests.slice(offset, offset + DIGEST_CHARS);
      if (!stored) continue;
      if (stored !== changeDigest(request.changes[seq - request.first_seq]))
        throw new SyncError(
          'sequence_reused',
          409,
          `Change ${seq} of this client was applied earlier with different content. Sequence numbers are never reused: send new changes with new numbers (the app starts a new client id).`,
          { seq, applied_through: lastSeq },
        );
    }
  }
}
