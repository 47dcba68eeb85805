/**
 * Pull over SQL: the rows whose latest change (their `version`) is after the client's cursor,
 * in the order their versions were taken (see push in sync-store.ts for why that order is
 * safe), read from every table's pull index in one statement.
 */
import type { PullResponse, RemoteRow } from '../../src/shared/sync/protocol';
import type { Database } from './db';
import { SyncError } from './push-checks';
import { expandClocks } from './row-clocks';
import { PRODUCT_TABLES } from './tables';

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

/**
 * The rows of one table after the cursor, in pull order, as SQL over its pull index
 * (workspace_key, version) (migration 8; the rows of one version, one push, sorted by id as
 * they come). Within a version rows sort by (table, id), so a table before
 * the cursor's starts after its version, the cursor's own table after its row, a later
 * table at its version. Version 0 marks a row no push ever changed. Parameters: $1 workspace
 * id (other_rows), $2 version, $3 row id, $4 table name (other_rows), $5 limit, $6 workspace
 * key (product tables, migration 7).
 */
function afterCursor(table: string, cursor: Cursor, columns: string): string {
  if (table === 'other_rows')
    return `SELECT table_name AS t, ${columns} FROM other_rows
      WHERE workspace_id = $1 AND version > 0
        AND (version, table_name COLLATE "C", id) > ($2, $4::text COLLATE "C", $3)
      ORDER BY version, table_name COLLATE "C", id LIMIT $5`;
  const after =
    table < cursor.table
      ? 'version > $2'
      : table === cursor.table
        ? '(version, id) > ($2, $3)'
        : 'version >= $2';
  return `SELECT '${table}'::text AS t, ${columns} FROM ${table}
    WHERE workspace_key = $6 AND version > 0 AND ${after} ORDER BY version, id LIMIT $5`;
}

const SOURCES = [...PRODUCT_TABLES, 'other_rows'];

function pageSql(cursor: Cursor): string {
  const parts = SOURCES.map(
    (table) => `(${afterCursor(table, cursor, 'id, data, clock, clocks, version')})`,
  );
  // Table names compare in byte order, as `afterCursor` compares them in JavaScript.
  return `SELECT * FROM (${parts.join(' UNION ALL ')}) AS page ORDER BY version, t COLLATE "C", id LIMIT $5`;
}

/**
 * How many rows of `table` come after the cursor. The cursor's own table counts its later
 * versions and the rest of the cursor's version apart: the pull index holds the version, not
 * the id (migration 8), so `(version, id) > (…)` would read every later row from the table to
 * compare its id; `version > $2` is counted from the index alone, and the ids are compared for
 * the rows of one version only (one push: at most 500).
 */
function countPart(table: string, cursor: Cursor): string {
  if (table === 'other_rows' || table !== cursor.table)
    return `SELECT count(*) AS n FROM (${afterCursor(table, cursor, 'version')}) AS x`;
  return `SELECT (SELECT count(*) FROM ${table} WHERE workspace_key = $6 AND version > 0 AND version > $2)
    + (SELECT count(*) FROM ${table} WHERE workspace_key = $6 AND version > 0 AND version = $2 AND id > $3) AS n`;
}

function countSql(cursor: Cursor): string {
  const parts = SOURCES.map((table) => countPart(table, cursor));
  return `SELECT sum(n) AS n FROM (${parts.join(' UNION ALL ')}) AS counts`;
}

type PageRow = {
  t: string;
  id: string;
  data: Record<string, unknown>;
  clock: string | null;
  clocks: Record<string, string>;
  version: number | string;
};

export async function pull(
  db: Database,
  workspace: { workspaceId: string; workspaceKey: number },
  cursorText: string | undefined,
  limit: number,
  withTotal: boolean,
  serverNow: number = Date.now(),
): Promise<PullResponse> {
  const cursor = decodeCursor(cursorText);
  const params = [workspace.workspaceId, cursor.version, cursor.rowId, cursor.table];
  const key = workspace.workspaceKey;
  const rows = await db.query<PageRow>(pageSql(cursor), [...params, limit + 1, key]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes: RemoteRow[] = page.map((row) => ({
    table: row.t,
    row_id: row.id,
    data: row.data,
    clocks: expandClocks(row.data, row),
    version: Number(row.version),
  }));
  const last = page[page.length - 1];
  const next: Cursor = last
    ? { version: Number(last.version), table: last.t, rowId: last.id }
    : cursor;
  let total: number | undefined;
  if (withTotal) {
    // No limit: every row after the cursor counts (the LIMIT of each part is the bigint max).
    const counted = await db.query<{ n: number | string | null }>(countSql(cursor), [
      ...params,
      Number.MAX_SAFE_INTEGER,
      key,
    ]);
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
