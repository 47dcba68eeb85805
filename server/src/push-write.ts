/**
 * The row writes of a push, set-based: the batch's changes are first folded per row in
 * memory (the shared `wins()` rule, in one pass), then each table gets ONE statement that
 * inserts the new rows and merges the existing ones field by field in SQL, under the row
 * locks `INSERT … ON CONFLICT DO UPDATE` takes. The SQL merge is the same rule as `wins()`:
 * a field's incoming clock replaces the stored one when it is greater as a plain string
 * (`COLLATE "C"`: byte order, which is JavaScript's order for the ASCII of a clock), or when
 * the field has no clock yet.
 */
import type { SyncChange } from '../../src/shared/sync/protocol';
import { wins } from '../../src/shared/sync/protocol';
import type { Principal } from './auth';
import type { Sql } from './db';
import { jsonbBytesParam, jsonbParam } from './db';
import { markPush } from './push-trace';
import type { CompactClocks } from './row-clocks';
import { compactClocks } from './row-clocks';

/** A row's fields and their clocks, as stored and as folded from a batch. */
export type StoredRow = {
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
};

/** Applies one change to a row, field by field. Returns whether anything changed. */
export function mergeChange(row: StoredRow, change: SyncChange): boolean {
  const fields: Record<string, unknown> =
    change.op === 'delete' ? { deleted: 1 } : (change.fields ?? {});
  let changed = false;
  for (const [field, value] of Object.entries(fields)) {
    if (!wins(change.hlc, row.clocks[field])) continue;
    row.data[field] = value;
    row.clocks[field] = change.hlc;
    changed = true;
  }
  return changed;
}

/**
 * A row as a batch leaves it: its latest fields, their clocks in the stored form
 * (row-clocks.ts), and, for a row one change wrote, its fields' JSON as read (`dataText`).
 */
export type FoldedRow = {
  id: string;
  data: Record<string, unknown>;
  dataText?: string;
} & CompactClocks;

/** A row's one change (and its fields' text), or its changes merged once a second one comes. */
type Folding = {
  id: string;
  only: SyncChange | null;
  onlyText: string | undefined;
  merged: StoredRow | null;
};

const DELETED_DATA = { deleted: 1 };
const DELETED_TEXT = '{"deleted":1}';

function folded(folding: Folding): FoldedRow | null {
  const { id, only, onlyText, merged } = folding;
  if (only) {
    // One change of a row, the common case: its fields as sent, every one at its clock (what
    // mergeChange onto an empty row gives, without copying field by field).
    if (only.op === 'delete')
      return { id, data: DELETED_DATA, dataText: DELETED_TEXT, clock: only.hlc, clocks: {} };
    const data = only.fields ?? {};
    for (const _ in data) return { id, data, dataText: onlyText, clock: only.hlc, clocks: {} };
    return null;
  }
  if (!merged || Object.keys(merged.clocks).length === 0) return null;
  return { id, data: merged.data, ...compactClocks(merged.clocks) };
}

/**
 * The batch folded per table and row: what the batch as a whole says about each row (its
 * latest value of every field it sets). Tables and ids sorted: every push locks rows in the
 * same global order, so two pushes over the same rows wait for each other, never deadlock.
 * A row the batch sets no field of (a put of `{}`) is left out: it changes nothing.
 * `fieldsTexts[i]`, when given, is change i's fields as JSON (push-checks.ts, digestChanges).
 */
export function foldChanges(
  changes: readonly SyncChange[],
  fieldsTexts: readonly (string | null)[] = [],
): [string, FoldedRow[]][] {
  const tables = new Map<string, Map<string, Folding>>();
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i] as SyncChange;
    let rows = tables.get(change.table);
    if (!rows) tables.set(change.table, (rows = new Map()));
    const folding = rows.get(change.row_id);
    if (!folding) {
      const onlyText = fieldsTexts[i] ?? undefined;
      rows.set(change.row_id, { id: change.row_id, only: change, onlyText, merged: null });
      continue;
    }
    if (folding.only) {
      folding.merged = { id: change.row_id, data: {}, clocks: {} };
      mergeChange(folding.merged, folding.only);
      folding.only = null;
    }
    mergeChange(folding.merged as StoredRow, change);
  }
  const byId = (a: FoldedRow, b: FoldedRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...tables.keys()].sort().map((table) => {
    const rows: FoldedRow[] = [];
    for (const folding of (tables.get(table) as Map<string, Folding>).values()) {
      const row = folded(folding);
      if (row) rows.push(row);
    }
    return [table, rows.sort(byId)];
  });
}

/**
 * A UTC timestamp as `toISOString` writes it, whose date and time are valid in every month
 * (day 28 at most; Date.parse rolls a 30th of February over into March), so Date.parse and
 * toISOString give it back unchanged: the app's `updated_at`, the common case.
 */
const PLAIN_ISO =
  /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$/;

/**
 * The `updated_at` column of a row: its field as an ISO timestamp when Date.parse reads it,
 * else null. A timestamp already in `toISOString`'s form is taken as it is (parsing and
 * writing it again was 2.5 % of a push's CPU samples); `timestampOrNullSlow` is the definition,
 * tests/server/push-read.test.ts checks both agree.
 */
export function timestampOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return PLAIN_ISO.test(value) ? value : timestampOrNullSlow(value);
}

export function timestampOrNullSlow(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A field's incoming clock: its exception, else the incoming row's clock (row-clocks.ts). */
const incoming = (key: string) => `coalesce(EXCLUDED.clocks->>${key}, EXCLUDED.clock)`;
/** A field's stored clock, '' when it has none (row-clocks.ts: exception, else the row's clock). */
const stored = (key: string) =>
  `coalesce(t.clocks->>${key}, CASE WHEN t.data ? ${key} THEN t.clock END, '')`;
/** Does the incoming clock of field `key` beat the stored one (`wins()` in SQL)? */
const beats = (key: string) => `${incoming(key)} COLLATE "C" > ${stored(key)} COLLATE "C"`;
const WINNING = `FROM jsonb_object_keys(EXCLUDED.data) AS c(k) WHERE ${beats('c.k')}`;
/** The `deleted` and `updated_at` columns follow their field when the batch sets it and wins. */
const follows = (column: string) =>
  `CASE WHEN EXCLUDED.data ? '${column}' AND ${beats(`'${column}'`)} THEN EXCLUDED.${column} ELSE t.${column} END`;

/**
 * Where the rows of a push get their version and workspace key: parameters (the step-by-step
 * push, which knows both), or what the one statement took (`taken`), with a gate that writes
 * nothing when it took nothing.
 */
type RowSource = { version: string; key: string; gate: string };
const TAKEN: RowSource = {
  version: '(SELECT version FROM taken)',
  key: '(SELECT key FROM taken)',
  gate: 'WHERE EXISTS (SELECT 1 FROM taken)',
};

/** A table's folded rows as its part reads them: the rows' JSON, parameter `param`. */
const rowsOf = (param: number) => `jsonb_to_recordset($${param}::jsonb)
    AS v(id text, data jsonb, clock text, clocks jsonb, deleted boolean, updated_at timestamptz)`;

/**
 * The changes of the push's body as SQL reads them (`bodyRows`): the request's own bytes, one
 * parameter, read once by the statement (`changes`, a CTE), each table's part taking its
 * rows from it. Each row as `rowsJson` would write it for a batch that changes it once: its
 * fields as sent (a delete: `{"deleted":1}`), its clock, no exception; `deleted` and
 * `updated_at` from its fields (`updated_at` only ever a plain ISO timestamp here, which SQL
 * reads as `timestampOrNull` does: `bodyRows` checks).
 */
const changesOf = (param: number) => `changes AS (
  SELECT c."table" AS t, c.row_id AS id, c.hlc AS clock,
    CASE WHEN c.op = 'delete' THEN '{"deleted":1}'::jsonb ELSE c.fields END AS data
  FROM jsonb_to_recordset(($${param}::jsonb)->'changes')
    AS c("table" text, row_id text, op text, hlc text, fields jsonb))`;
const bodyRowsOf = (table: string) => `(
    SELECT b.id, b.data, b.clock, '{}'::jsonb AS clocks,
      coalesce(b.data->'deleted' IN ('1'::jsonb, 'true'::jsonb), false) AS deleted,
      CASE WHEN jsonb_typeof(b.data->'updated_at') = 'string'
        THEN (b.data->>'updated_at')::timestamptz END AS updated_at
    FROM changes b WHERE b.t = '${table}' AND b.data <> '{}'::jsonb) AS v`;

/**
 * One table's part of the push statement (a data-modifying CTE): new rows inserted as folded
 * (their clock once, exceptions beside it); an existing row gets each field whose incoming
 * clock wins, with that clock as an exception (its own clock stays), and is left alone (its
 * version kept) when no field wins. The `deleted` and `updated_at` columns follow their
 * fields; every row written takes the push's version. Its rows are parameter `param`; `from`
 * says where the version and the workspace key come from (and, in the one-statement push,
 * that nothing is written when no version was taken).
 */
function upsertPart(table: string, rows: string, from: RowSource): string {
  return `${table}_rows AS (
  INSERT INTO ${table} AS t (workspace_key, id, data, clock, clocks, deleted, updated_at, version)
  SELECT ${from.key}, v.id, v.data, v.clock, v.clocks, v.deleted, v.updated_at, ${from.version}
  FROM ${rows}
  ${from.gate}
  ORDER BY v.id
  ON CONFLICT (workspace_key, id) DO UPDATE SET
    data = t.data || coalesce((SELECT jsonb_object_agg(c.k, EXCLUDED.data->c.k) ${WINNING}), '{}'::jsonb),
    clocks = t.clocks || coalesce((SELECT jsonb_object_agg(c.k, ${incoming('c.k')}) ${WINNING}), '{}'::jsonb),
    deleted = ${follows('deleted')},
    updated_at = ${follows('updated_at')},
    version = EXCLUDED.version
  WHERE EXISTS (SELECT 1 ${WINNING}))`;
}

/**
 * One table's part when every row of the batch is taken to be new: a plain INSERT, which
 * fails with a unique violation (and the whole statement with it, writing nothing) when a
 * row exists already. A new row gets what `upsertPart` gives it, without the cost of
 * `ON CONFLICT` (a speculative insertion per row: an index probe, a lock and a second WAL
 * record; on PGlite the statement took 1.5 to 1.65 times a plain INSERT of the same rows
 * without it, 2.3 to 3 times with it, docs/sync.md). The rows come sorted by id (foldChanges).
 */
function insertPart(table: string, rows: string, from: RowSource): string {
  return `${table}_rows AS (
  INSERT INTO ${table} (workspace_key, id, data, clock, clocks, deleted, updated_at, version)
  SELECT ${from.key}, v.id, v.data, v.clock, v.clocks, v.deleted, v.updated_at, ${from.version}
  FROM ${rows}
  ${from.gate})`;
}

/**
 * A table's folded rows as the JSON its part reads (jsonb_to_recordset), written as text
 * around each row's data: a row one change wrote reuses its fields' text (no second
 * JSON.stringify of the same fields, no object per row).
 */
function rowsJson(rows: readonly FoldedRow[]): string {
  let text = '[';
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as FoldedRow;
    const deleted = row.data.deleted === 1 || row.data.deleted === true;
    const updatedAt = timestampOrNull(row.data.updated_at);
    text +=
      `${i > 0 ? ',' : ''}{"id":${JSON.stringify(row.id)},"data":${row.dataText ?? JSON.stringify(row.data)}` +
      `,"clock":${JSON.stringify(row.clock)},"clocks":${JSON.stringify(row.clocks)}` +
      `,"deleted":${deleted},"updated_at":${updatedAt === null ? 'null' : JSON.stringify(updatedAt)}}`;
  }
  return `${text}]`;
}

/**
 * Adds a part per table the batch touches to `parts`, its rows to `params`. `from()` is asked
 * only when a table part is written: PostgreSQL refuses a parameter no part reads (a batch
 * of puts of `{}` has no part).
 */
function addTableParts(
  changes: readonly SyncChange[],
  fieldsTexts: readonly string[],
  params: unknown[],
  parts: string[],
  from: () => RowSource,
  part: typeof upsertPart = upsertPart,
): void {
  for (const [table, rows] of foldChanges(changes, fieldsTexts)) {
    if (rows.length === 0) continue;
    const source = from();
    const rowsParam = params.push(jsonbParam(rowsJson(rows)));
    parts.push(part(table, rowsOf(rowsParam), source));
  }
}

/**
 * The tables whose rows a batch writes when SQL may read its rows from the request's body
 * (`changesOf`): every row changed once by the batch (nothing to fold), every `updated_at` that
 * is a string a plain ISO timestamp (which SQL and `timestampOrNull` read alike). Null when a
 * batch is not so (then its rows go as `rowsJson`). Sorted, as `foldChanges` sorts them; a
 * table only puts of `{}` touch writes nothing.
 */
export function bodyRowTables(changes: readonly SyncChange[]): string[] | null {
  const tables = new Map<string, Set<string>>();
  const written = new Set<string>();
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i] as SyncChange;
    let ids = tables.get(change.table);
    if (!ids) tables.set(change.table, (ids = new Set()));
    if (ids.has(change.row_id)) return null;
    ids.add(change.row_id);
    const fields = change.fields;
    if (change.op === 'delete' || fields === null) {
      written.add(change.table);
      continue;
    }
    const updatedAt = fields.updated_at;
    if (typeof updatedAt === 'string' && !PLAIN_ISO.test(updatedAt)) return null;
    for (const _ in fields) {
      written.add(change.table);
      break;
    }
  }
  return [...written].sort();
}

/** What a push records about itself: the client's progress and a digest per change. */
export type Bookkeeping = { clientId: string; firstSeq: number; digests: readonly string[] };

/**
 * Writes a batch's changes under the push's version and records the push, in ONE statement:
 * a part per table touched (tables in sorted order, rows sorted by id), the digests of the
 * changes (sequences firstSeq.. firstSeq+n-1, see changeDigest) and the client's last
 * sequence. One round trip to the database instead of one per table and one more for the
 * bookkeeping: on a loaded machine each round trip waits for a core twice. Every part runs to
 * completion whether or not it is read. Pushes of one workspace write one after the other
 * (they hold its row lock from the version on), so the order of the parts cannot deadlock.
 */
export async function writePush(
  tx: Sql,
  workspace: { workspaceId: string; workspaceKey: number },
  version: number,
  changes: readonly SyncChange[],
  fieldsTexts: readonly string[],
  bookkeeping: Bookkeeping,
): Promise<void> {
  const { clientId, firstSeq, digests } = bookkeeping;
  const params: unknown[] = [
    workspace.workspaceId,
    clientId,
    firstSeq,
    firstSeq + digests.length - 1,
    digests.join(''),
  ];
  const parts: string[] = [];
  // The version and the key are parameters only when a table part reads them.
  let source: RowSource | null = null;
  addTableParts(changes, fieldsTexts, params, parts, () => {
    if (!source) {
      const versionAt = params.push(version);
      const keyAt = params.push(workspace.workspaceKey);
      source = { version: `$${versionAt}::bigint`, key: `$${keyAt}::integer`, gate: '' };
    }
    return source;
  });
  parts.push(`batch AS (
  INSERT INTO sync_batches (workspace_id, client_id, first_seq, last_seq, digests)
  VALUES ($1, $2, $3, $4, $5))`);
  await tx.query(
    `WITH ${parts.join(',\n')}
UPDATE sync_clients SET last_seq = $4, updated_at = now() WHERE workspace_id = $1 AND client_id = $2`,
    params,
    // Its text depends only on the tables a batch touches (a few sets in practice): prepared
    // once per set and connection, PostgreSQL no longer parses and plans it on every push.
    { prepare: true },
  );
}

/**
 * The common push in ONE statement, with no transaction around it (a statement is atomic on
 * its own), its token checked by the same statement: the token (its hash) names the
 * workspace when it is known and not revoked, and marks the device as seen (at most once a
 * minute, as `authenticate` does); the client's progress moves on only when the push starts
 * right after it and the client id is this token's; under that lock the version is taken
 * (the workspace row's lock, held until the statement commits); the rows are merged under it
 * and the digests recorded. When the token is unknown or revoked, or the client row does not
 * match (a first push, a retry, an overlap, a gap, another token's client id, a client not
 * yet bound to a token), no part writes anything and null is returned: the caller then
 * checks the token and runs the push step by step, which explains each case. The batch must
 * be checked already (fields, clocks): nothing in SQL refuses it.
 *
 * One round trip per push (the token's included) instead of six step by step (the token,
 * BEGIN, the client row and version, the rows, COMMIT), which on a loaded machine each waited
 * for a core twice. A revoked token is refused on its very next push: the statement reads
 * the token row as it is when the statement starts, nothing is cached.
 *
 * `rowsAreNew`: the rows are inserted without `ON CONFLICT` (insertPart); when one exists
 * already the statement fails with a unique violation (23505) and writes nothing, and the
 * caller runs it again without this (sync-store.ts).
 */
export async function writePushInOneStatement(
  sql: Sql,
  tokenHash: string,
  push: {
    clientId: string;
    firstSeq: number;
    changes: readonly SyncChange[];
    fieldsTexts: readonly string[];
    /**
     * The request's body as sent (UTF-8 JSON, no byte order mark), whose `changes` are these
     * changes: SQL then reads the rows from it when the batch allows (`bodyRowTables`).
     */
    body?: Uint8Array;
  },
  digests: readonly string[],
  rowsAreNew = false,
): Promise<{ version: number; principal: Principal } | null> {
  const { clientId, firstSeq, changes, fieldsTexts, body } = push;
  const params: unknown[] = [
    tokenHash,
    clientId,
    firstSeq,
    firstSeq + changes.length - 1,
    digests.join(''),
  ];
  // The token row, then the client row (locked by its UPDATE, as the step-by-step push locks
  // it first), then the workspace row, then the product rows in sorted order: the same order
  // as ever.
  const parts = [
    `principal AS (
  SELECT workspace_id, member_id, member_name FROM api_tokens
  WHERE token_hash = $1 AND revoked_at IS NULL)`,
    `seen AS (
  UPDATE api_tokens SET last_seen_at = now()
  WHERE token_hash = $1 AND revoked_at IS NULL
    AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute'))`,
    // The client row locked first, and its progress read as the lock finds it: a push sent
    // while the client's previous push is still being written (sync-store.ts, clientOrder)
    // waits here for that one to commit or roll back, then sees its progress as it now is
    // (FOR UPDATE reads the row's latest version), and moves on only right behind it. A plain
    // `last_seq = …` in the UPDATE's WHERE would be read from the statement's snapshot, taken
    // before the previous push committed: it would never match, and the push would always
    // fall back to waiting.
    `locked AS (
  SELECT last_seq FROM sync_clients
  WHERE workspace_id = (SELECT workspace_id FROM principal) AND client_id = $2 AND token_hash = $1
  FOR UPDATE)`,
    `client AS (
  UPDATE sync_clients SET last_seq = $4::bigint, updated_at = now()
  WHERE workspace_id = (SELECT workspace_id FROM principal) AND client_id = $2
    AND token_hash = $1 AND (SELECT last_seq FROM locked) = $3::bigint - 1
  RETURNING workspace_id)`,
    `taken AS (
  UPDATE workspaces SET version = version + 1
  WHERE id = (SELECT workspace_id FROM client)
  RETURNING id, key, version)`,
  ];
  const part = rowsAreNew ? insertPart : upsertPart;
  const tables = body ? bodyRowTables(changes) : null;
  if (body && tables) {
    // The rows straight from the body: no rows' JSON written, measured and encoded per push.
    if (tables.length > 0) parts.push(changesOf(params.push(jsonbBytesParam(body))));
    for (const table of tables) parts.push(part(table, bodyRowsOf(table), TAKEN));
  } else addTableParts(changes, fieldsTexts, params, parts, () => TAKEN, part);
  parts.push(`batch AS (
  INSERT INTO sync_batches (workspace_id, client_id, first_seq, last_seq, digests)
  SELECT id, $2, $3::bigint, $4::bigint, $5 FROM taken)`);
  markPush('paramsReady');
  const rows = await sql.query<{
    version: number | string;
    workspace_id: string;
    workspace_key: number;
    member_id: string;
    member_name: string;
  }>(
    `WITH ${parts.join(',\n')}
SELECT taken.version, taken.id AS workspace_id, taken.key AS workspace_key, p.member_id, p.member_name
FROM taken, principal p`,
    params,
    { prepare: true },
  );
  markPush('resultBack');
  const row = rows[0];
  if (!row) return null;
  const principal: Principal = {
    workspaceId: row.workspace_id,
    workspaceKey: Number(row.workspace_key),
    memberId: row.member_id,
    memberName: row.member_name,
    tokenHash,
  };
  return { version: Number(row.version), principal };
}
