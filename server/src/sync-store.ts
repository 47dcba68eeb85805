/**
 * Push over SQL. Everything that matters lives in the database (rows, clocks, versions,
 * client progress, digests of applied pushes), so any number of server processes can serve
 * one workspace. Pull is in pull.ts.
 */
import type { PushResponse, SyncChange } from '../../src/shared/sync/protocol';
import { wins } from '../../src/shared/sync/protocol';
import type { Database, Sql } from './db';
import {
  SyncError,
  checkClock,
  checkRepeatedContent,
  lockClient,
  readChanges,
  recordApplied,
} from './push-checks';
import { storageFor } from './tables';

export { SyncError } from './push-checks';
export { decodeCursor, encodeCursor, pull } from './pull';

/**
 * Test seams around the version: `beforeVersion` runs after the row writes, `afterVersion`
 * once the version is taken, both inside the push's transaction (which they are given).
 */
export type PushHooks = {
  beforeVersion?: (tx: Sql) => Promise<void>;
  afterVersion?: (tx: Sql, version: number) => Promise<void>;
};

/** Who pushes: the workspace, and the token (its hash) the client id is bound to. */
export type Pusher = { workspaceId: string; tokenHash: string };

/** The push as read from the body: the envelope checked, each change not yet. */
export type PushEnvelope = { client_id: string; first_seq: number; changes: unknown[] };

type StoredRow = { id: string; data: Record<string, unknown>; clocks: Record<string, string> };

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** Applies one change to a stored row, field by field. Returns whether anything changed. */
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

function timestampOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Locks (creating empty ones first) every row the batch touches, in one global order. */
async function lockRows(
  tx: Sql,
  workspaceId: string,
  byTable: Map<string, string[]>,
): Promise<Map<string, StoredRow>> {
  const rows = new Map<string, StoredRow>();
  for (const table of [...byTable.keys()].sort()) {
    const ids = [...new Set(byTable.get(table))].sort();
    const storage = storageFor(table);
    await tx.query(storage.insert, storage.params(workspaceId, ids));
    const stored = await tx.query<StoredRow>(
      `SELECT id, data, clocks FROM ${storage.sqlTable} WHERE ${storage.where} ORDER BY id FOR UPDATE`,
      storage.params(workspaceId, ids),
    );
    for (const row of stored) rows.set(rowKey(table, row.id), row);
  }
  return rows;
}

async function currentVersion(tx: Sql, workspaceId: string): Promise<number> {
  const rows = await tx.query<{ version: number | string }>(
    'SELECT version FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  return Number(rows[0]?.version ?? 0);
}

/** Merges the changes into their rows and writes back the rows that changed. */
async function writeChanges(
  tx: Sql,
  workspaceId: string,
  changes: readonly SyncChange[],
): Promise<{ table: string; row: StoredRow }[]> {
  const byTable = new Map<string, string[]>();
  for (const change of changes)
    byTable.set(change.table, [...(byTable.get(change.table) ?? []), change.row_id]);
  const rows = await lockRows(tx, workspaceId, byTable);
  const touched = new Map<string, { table: string; row: StoredRow }>();
  for (const change of changes) {
    const key = rowKey(change.table, change.row_id);
    const row = rows.get(key);
    if (!row) throw new Error('A pushed row was not locked');
    if (mergeChange(row, change)) touched.set(key, { table: change.table, row });
  }
  for (const table of byTable.keys()) {
    const updates = [...touched.values()]
      .filter((entry) => entry.table === table)
      .map(({ row }) => ({
        id: row.id,
        data: row.data,
        clocks: row.clocks,
        deleted: row.data.deleted === 1 || row.data.deleted === true,
        updated_at: timestampOrNull(row.data.updated_at),
      }));
    if (updates.length === 0) continue;
    const storage = storageFor(table);
    // An upsert, not UPDATE … FROM: the planner hash-joins the latter with a full scan.
    await tx.query(
      `INSERT INTO ${storage.sqlTable} AS t (workspace_id, id, data, clocks, deleted, updated_at)
       SELECT $1, v.id, v.data, v.clocks, v.deleted, v.updated_at
       FROM jsonb_to_recordset($2::jsonb) AS v(id text, data jsonb, clocks jsonb, deleted boolean, updated_at timestamptz)
       ON CONFLICT (workspace_id, id) DO UPDATE
       SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at`,
      [workspaceId, JSON.stringify(updates)],
    );
  }
  return [...touched.values()];
}

/**
 * Takes the next workspace version for the rows a push changed and logs them under it.
 * The version is taken last, in one statement that reads and writes it under the workspace
 * row's lock, held until COMMIT: no push can take version v+1 before the one holding v has
 * committed, so a puller that sees v+1 has every version up to it visible.
 */
async function takeVersion(
  tx: Sql,
  workspaceId: string,
  touched: readonly { table: string; row: StoredRow }[],
  hooks: PushHooks,
): Promise<number> {
  await hooks.beforeVersion?.(tx);
  const bumped = await tx.query<{ version: number | string }>(
    'UPDATE workspaces SET version = version + 1 WHERE id = $1 RETURNING version',
    [workspaceId],
  );
  const version = Number(bumped[0]?.version);
  await hooks.afterVersion?.(tx, version);
  const entries = touched.map(({ table, row }) => ({ t: table, r: row.id }));
  await tx.query(
    `INSERT INTO change_log (workspace_id, table_name, row_id, version)
     SELECT $1, e.t, e.r, $2 FROM jsonb_to_recordset($3::jsonb) AS e(t text, r text)
     ON CONFLICT (workspace_id, table_name, row_id) DO UPDATE SET version = EXCLUDED.version`,
    [workspaceId, version, JSON.stringify(entries)],
  );
  return version;
}

/**
 * One push, in one transaction: lock the client's progress (bound to the token), refuse a
 * gap or a reused sequence with other content, skip what was already applied, refuse the
 * whole push when any new change is bad (422, each bad change named), merge the rest field
 * by field, take a version, record progress and digests.
 */
export async function push(
  db: Database,
  pusher: Pusher,
  request: PushEnvelope,
  serverNow: number = Date.now(),
  hooks: PushHooks = {},
): Promise<PushResponse> {
  const { workspaceId } = pusher;
  const { changes, refusals } = readChanges(request.changes);
  return db.transaction(async (tx) => {
    const lastSeq = await lockClient(tx, workspaceId, request.client_id, pusher.tokenHash);
    if (request.first_seq > lastSeq + 1)
      throw new SyncError(
        'sequence_gap',
        409,
        `Changes ${lastSeq + 1} to ${request.first_seq - 1} of this client never arrived; send from ${lastSeq + 1}.`,
        { expected_seq: lastSeq + 1 },
      );
    await checkRepeatedContent(tx, workspaceId, request, lastSeq);
    const freshFrom = lastSeq + 1 - request.first_seq;
    const lastInBatch = request.first_seq + changes.length - 1;
    if (freshFrom >= changes.length)
      return {
        applied_through: lastSeq,
        version: await currentVersion(tx, workspaceId),
        duplicate: true,
        server_time: serverNow,
      };
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
    const touched = await writeChanges(tx, workspaceId, fresh);
    const version =
      touched.length > 0
        ? await takeVersion(tx, workspaceId, touched, hooks)
        : await currentVersion(tx, workspaceId);
    await recordApplied(
      tx,
      workspaceId,
      request.client_id,
      lastSeq + 1,
      request.changes.slice(freshFrom),
    );
    await tx.query(
      'UPDATE sync_clients SET last_seq = $3, updated_at = now() WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, request.client_id, lastInBatch],
    );
    return { applied_through: lastInBatch, version, duplicate: false, server_time: serverNow };
  });
}
