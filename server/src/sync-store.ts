/**
 * Push and pull over SQL. Everything that matters lives in the database (rows, clocks,
 * versions, client progress), so any number of server processes can serve one workspace.
 */
import { hlcMillis, maxHlc } from '../../src/shared/sync/hlc';
import type {
  PullResponse,
  PushRequest,
  PushResponse,
  RemoteRow,
  SyncChange,
  SyncErrorCode,
} from '../../src/shared/sync/protocol';
import { SYNC_LIMITS, wins } from '../../src/shared/sync/protocol';
import type { Database, Sql } from './db';
import { storageFor } from './tables';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly status: 400 | 401 | 404 | 409 | 413 | 422,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Test seams: lets a test hold a push open between its row writes and its version. */
export type PushHooks = { beforeVersion?: () => Promise<void> };

type StoredRow = { id: string; data: Record<string, unknown>; clocks: Record<string, string> };

/** Refuses what no transaction should see: unknown tables, clocks too far in the future. */
export function checkPush(request: PushRequest, serverNow: number): void {
  for (const change of request.changes) {
    if (change.table.startsWith('sync_') || change.table === 'other_rows')
      throw new SyncError('unknown_table', 400, `"${change.table}" is not a synced table`);
  }
  const latest = request.changes.reduce<string | undefined>(
    (max, c) => maxHlc(max, c.hlc),
    undefined,
  );
  const ahead = latest ? hlcMillis(latest) - serverNow : 0;
  if (ahead > SYNC_LIMITS.maxClockAheadMs) {
    const minutes = Math.round(ahead / 60_000);
    throw new SyncError(
      'clock_drift',
      422,
      `This computer's clock is about ${minutes} minutes ahead of the server. Set the correct time (automatic time in the system settings), then sync again.`,
      { ahead_ms: ahead, server_time: serverNow },
    );
  }
}

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

async function lockClient(tx: Sql, workspaceId: string, clientId: string): Promise<number> {
  await tx.query(
    'INSERT INTO sync_clients (workspace_id, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [workspaceId, clientId],
  );
  const rows = await tx.query<{ last_seq: number | string }>(
    'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2 FOR UPDATE',
    [workspaceId, clientId],
  );
  return Number(rows[0]?.last_seq ?? 0);
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

export async function push(
  db: Database,
  workspaceId: string,
  request: PushRequest,
  serverNow: number = Date.now(),
  hooks: PushHooks = {},
): Promise<PushResponse> {
  checkPush(request, serverNow);
  return db.transaction(async (tx) => {
    const lastSeq = await lockClient(tx, workspaceId, request.client_id);
    if (request.first_seq > lastSeq + 1) {
      throw new SyncError(
        'sequence_gap',
        409,
        `Changes ${lastSeq + 1} to ${request.first_seq - 1} of this client never arrived; send from ${lastSeq + 1}.`,
        { expected_seq: lastSeq + 1 },
      );
    }
    const lastInBatch = request.first_seq + request.changes.length - 1;
    const fresh = request.changes.filter((_, index) => request.first_seq + index > lastSeq);
    if (fresh.length === 0) {
      const rows = await tx.query<{ version: number | string }>(
        'SELECT version FROM workspaces WHERE id = $1',
        [workspaceId],
      );
      return {
        applied_through: lastSeq,
        version: Number(rows[0]?.version ?? 0),
        duplicate: true,
        server_time: serverNow,
      };
    }

    const byTable = new Map<string, string[]>();
    for (const change of fresh) {
      const ids = byTable.get(change.table) ?? [];
      ids.push(change.row_id);
      byTable.set(change.table, ids);
    }
    const rows = await lockRows(tx, workspaceId, byTable);
    const touched = new Map<string, { table: string; row: StoredRow }>();
    for (const change of fresh) {
      const key = rowKey(change.table, change.row_id);
      const row = rows.get(key);
      if (!row) throw new Error(`Row ${key} was not locked`);
      if (mergeChange(row, change)) touched.set(key, { table: change.table, row });
    }

    let version: number;
    if (touched.size > 0) {
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
        const other = storage.sqlTable === 'other_rows';
        // An upsert, not UPDATE … FROM: the planner hash-joins the latter with a full scan.
        await tx.query(
          `INSERT INTO ${storage.sqlTable} AS t (workspace_id, ${other ? 'table_name, ' : ''}id, data, clocks, deleted, updated_at)
           SELECT $1, ${other ? '$3, ' : ''}v.id, v.data, v.clocks, v.deleted, v.updated_at
           FROM jsonb_to_recordset($2::jsonb) AS v(id text, data jsonb, clocks jsonb, deleted boolean, updated_at timestamptz)
           ON CONFLICT (workspace_id, ${other ? 'table_name, ' : ''}id) DO UPDATE
           SET data = EXCLUDED.data, clocks = EXCLUDED.clocks, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at`,
          other
            ? [workspaceId, JSON.stringify(updates), table]
            : [workspaceId, JSON.stringify(updates)],
        );
      }
      await hooks.beforeVersion?.();
      // The version is taken last, under the workspace row's lock, which is held until
      // COMMIT: no push can take version v+1 before the one holding v has committed.
      const bumped = await tx.query<{ version: number | string }>(
        'UPDATE workspaces SET version = version + 1 WHERE id = $1 RETURNING version',
        [workspaceId],
      );
      version = Number(bumped[0]?.version);
      const entries = [...touched.values()].map(({ table, row }) => ({ t: table, r: row.id }));
      await tx.query(
        `INSERT INTO change_log (workspace_id, table_name, row_id, version)
         SELECT $1, e.t, e.r, $2 FROM jsonb_to_recordset($3::jsonb) AS e(t text, r text)
         ON CONFLICT (workspace_id, table_name, row_id) DO UPDATE SET version = EXCLUDED.version`,
        [workspaceId, version, JSON.stringify(entries)],
      );
    } else {
      const rows = await tx.query<{ version: number | string }>(
        'SELECT version FROM workspaces WHERE id = $1',
        [workspaceId],
      );
      version = Number(rows[0]?.version ?? 0);
    }
    await tx.query(
      'UPDATE sync_clients SET last_seq = $3, updated_at = now() WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, request.client_id, lastInBatch],
    );
    return { applied_through: lastInBatch, version, duplicate: false, server_time: serverNow };
  });
}

type Cursor = { version: number; table: string; rowId: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.version, cursor.table, cursor.rowId])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string | undefined): Cursor {
  if (!text) return { version: 0, table: '', rowId: '' };
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isSafeInteger(value[0]) &&
      value[0] >= 0 &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    )
      return { version: value[0], table: value[1], rowId: value[2] };
  } catch {
    // fall through to the error below
  }
  throw new SyncError('invalid_body', 400, 'The cursor is not one this server handed out.');
}

export async function pull(
  db: Database,
  workspaceId: string,
  cursorText: string | undefined,
  limit: number,
  withTotal: boolean,
  serverNow: number = Date.now(),
): Promise<PullResponse> {
  const cursor = decodeCursor(cursorText);
  const after = [workspaceId, cursor.version, cursor.table, cursor.rowId];
  const log = await db.query<{ table_name: string; row_id: string; version: number | string }>(
    `SELECT table_name, row_id, version FROM change_log
     WHERE workspace_id = $1 AND (version, table_name, row_id) > ($2, $3, $4)
     ORDER BY version, table_name, row_id LIMIT $5`,
    [...after, limit + 1],
  );
  const hasMore = log.length > limit;
  const page = log.slice(0, limit);
  const byTable = new Map<string, string[]>();
  for (const entry of page) {
    const ids = byTable.get(entry.table_name) ?? [];
    ids.push(entry.row_id);
    byTable.set(entry.table_name, ids);
  }
  const stored = new Map<string, StoredRow>();
  for (const [table, ids] of byTable) {
    const storage = storageFor(table);
    const rows = await db.query<StoredRow>(
      `SELECT id, data, clocks FROM ${storage.sqlTable} WHERE ${storage.where}`,
      storage.params(workspaceId, ids),
    );
    for (const row of rows) stored.set(rowKey(table, row.id), row);
  }
  const changes: RemoteRow[] = [];
  for (const entry of page) {
    const row = stored.get(rowKey(entry.table_name, entry.row_id));
    if (!row) continue;
    changes.push({
      table: entry.table_name,
      row_id: entry.row_id,
      data: row.data,
      clocks: row.clocks,
      version: Number(entry.version),
    });
  }
  const last = page[page.length - 1];
  const next: Cursor = last
    ? { version: Number(last.version), table: last.table_name, rowId: last.row_id }
    : cursor;
  let total: number | undefined;
  if (withTotal) {
    const counted = await db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM change_log WHERE workspace_id = $1 AND (version, table_name, row_id) > ($2, $3, $4)`,
      after,
    );
    total = Number(counted[0]?.n ?? 0);
  }
  return {
    changes,
    cursor: encodeCursor(next),
    has_more: hasMore,
    ...(total === undefined ? {} : { total }),
    server_time: serverNow,
  };
}
