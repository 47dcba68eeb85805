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

/**
 * An object's keys in sorted order, each with its JSON text and colon, by key list: a push's
 * changes share a few shapes (the app writes each table's records with the same keys in the
 * same order), so each shape is sorted once. Keyed by the list joined; a hit is checked key
 * by key (a key may hold the separator). Bounded: a client sending many shapes only refills it.
 */
type KeyOrder = { keys: readonly string[]; sorted: readonly (readonly [string, string])[] };
const keyOrders = new Map<string, KeyOrder>();
const MAX_KEY_ORDERS = 1000;

/**
 * The few shapes seen last, looked up first: compared key by key with the object itself
 * (`for…in`, no array of its keys, no joined signature). `canonicalJson` only asks for
 * objects whose prototype is Object.prototype, whose `for…in` lists their own keys, as
 * Object.keys does (Object.prototype has no enumerable key; were one added, `for…in` would list
 * it too).
 */
const recentOrders: KeyOrder[] = [];
const RECENT_ORDERS = 8;

function sameKeys(object: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in object) {
    if (keys[i] !== key) return false;
    i += 1;
  }
  return i === keys.length;
}

function objectKeyOrder(object: object): KeyOrder['sorted'] {
  for (let i = 0; i < recentOrders.length; i += 1) {
    const order = recentOrders[i] as KeyOrder;
    if (sameKeys(object, order.keys)) return order.sorted;
  }
  const keys = Object.keys(object);
  const sorted = keyOrder(keys);
  if (recentOrders.length >= RECENT_ORDERS) recentOrders.pop();
  recentOrders.unshift({ keys, sorted });
  return sorted;
}

function keyOrder(keys: readonly string[]): KeyOrder['sorted'] {
  const signature = keys.join('\u0000');
  const known = keyOrders.get(signature);
  if (known && known.keys.length === keys.length && known.keys.every((key, i) => key === keys[i]))
    return known.sorted;
  if (keyOrders.size >= MAX_KEY_ORDERS) keyOrders.clear();
  const sorted = [...keys].sort().map((key) => [key, `${JSON.stringify(key)}:`] as const);
  keyOrders.set(signature, { keys: [...keys], sorted });
  return sorted;
}

/**
 * `canonical(value)`, written without sorting each object's keys again (its shape's order is
 * cached, `keyOrder`) and with the engine's JSON.stringify for strings and numbers: about 1.4
 * times faster on a push's changes than JSON.stringify over a key-sorted copy, which it
 * replaces (no copy to collect). What JSON.parse never gives (a Date, a boxed value, a null
 * prototype, a function, a bigint) goes to `canonical`, which stays the definition;
 * tests/server/push-read.test.ts checks both agree on random values.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value !== 'object') return canonical(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${text}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return canonical(value);
  const object = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const [key, head] of objectKeyOrder(object)) {
    const inner = object[key];
    if (inner === undefined) continue;
    text += (first ? head : `,${head}`) + canonicalJson(inner);
    first = false;
  }
  return `${text}}`;
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
 * Each change's digest (`changeDigest`) and the canonical text of its fields, which the row
 * writes reuse as the row's data (push-write.ts): a change's fields are written as text once.
 * A change read as is (`plainChange`: the five keys, its fields the very object sent) has its
 * canonical text put together around its fields' text (keys in sorted order: fields, hlc,
 * op, row_id, table); any other goes through `changeDigest`. `fieldsText` is null for a
 * change that could not be read.
 */
export function digestChanges(
  raw: readonly unknown[],
  changes: readonly (SyncChange | null)[],
): { digests: string[]; fieldsTexts: (string | null)[] } {
  const digests: string[] = [];
  const fieldsTexts: (string | null)[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const candidate = raw[i];
    const change = changes[i] ?? null;
    const fieldsText = change ? canonicalJson(change.fields) : null;
    fieldsTexts.push(fieldsText);
    const asSent =
      change !== null &&
      fieldsText !== null &&
      (candidate as { fields?: unknown }).fields === change.fields &&
      Object.keys(candidate as object).length === 5;
    digests.push(
      asSent
        ? hash(
            'sha256',
            `{"fields":${fieldsText},"hlc":${JSON.stringify(change.hlc)},"op":${JSON.stringify(change.op)},"row_id":${JSON.stringify(change.row_id)},"table":${JSON.stringify(change.table)}}`,
            'hex',
          ).slice(0, DIGEST_CHARS)
        : changeDigest(candidate),
    );
  }
  return { digests, fieldsTexts };
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
