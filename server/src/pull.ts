/**
 * Pull over SQL: the rows whose latest change is after the client's cursor, in the order
 * their versions were taken (see push in sync-store.ts for why that order is safe).
 */
import type { PullResponse, RemoteRow } from '../../src/shared/sync/protocol';
import type { Database } from './db';
import { SyncError } from './push-checks';
import { storageFor } from './tables';

type StoredRow = { id: string; data: Record<string, unknown>; clocks: Record<string, string> };

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
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
