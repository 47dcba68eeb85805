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
import type { Sql } from './db';
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
 * The batch folded per table and row: what the batch as a whole says about each row (its
 * latest value of every field it sets). Tables and ids sorted: every push locks rows in the
 * same global order, so two pushes over the same rows wait for each other, never deadlock.
 * A row the batch sets no field of (a put of `{}`) is left out: it changes nothing.
 */
export function foldChanges(changes: readonly SyncChange[]): [string, StoredRow[]][] {
  const tables = new Map<string, Map<string, StoredRow>>();
  for (const change of changes) {
    let rows = tables.get(change.table);
    if (!rows) tables.set(change.table, (rows = new Map()));
    let row = rows.get(change.row_id);
    if (!row) rows.set(change.row_id, (row = { id: change.row_id, data: {}, clocks: {} }));
    mergeChange(row, change);
  }
  const byId = (a: StoredRow, b: StoredRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...tables.keys()].sort().map((table) => {
    const rows = [...(tables.get(table) as Map<string, StoredRow>).values()];
    return [table, rows.filter((row) => Object.keys(row.clocks).length > 0).sort(byId)];
  });
}

function timestampOrNull(value: unknown): string | null {
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
 * One table's part of the push statement (a data-modifying CTE): new rows inserted as folded
 * (their clock once, exceptions beside it); an existing row gets each field whose incoming
 * clock wins, with that clock as an exception (its own clock stays), and is left alone (its
 * version kept) when no field wins. The `deleted` and `updated_at` columns follow their
 * fields; every row written takes the push's version. Its rows are parameter `param`, the
 * workspace's key parameter `keyParam` and the version the one after it.
 */
function upsertPart(table: string, param: number, keyParam: number): string {
  const versionParam = keyParam + 1;
  return `${table}_rows AS (
  INSERT INTO ${table} AS t (workspace_key, id, data, clock, clocks, deleted, updated_at, version)
  SELECT $${keyParam}::integer, v.id, v.data, v.clock, v.clocks, v.deleted, v.updated_at, $${versionParam}
  FROM jsonb_to_recordset($${param}::jsonb)
    AS v(id text, data jsonb, clock text, clocks jsonb, deleted boolean, updated_at timestamptz)
  ORDER BY v.id
  ON CONFLICT (workspace_key, id) DO UPDATE SET
    data = t.data || coalesce((SELECT jsonb_object_agg(c.k, EXCLUDED.data->c.k) ${WINNING}), '{}'::jsonb),
    clocks = t.clocks || coalesce((SELECT jsonb_object_agg(c.k, ${incoming('c.k')}) ${WINNING}), '{}'::jsonb),
    deleted = ${follows('deleted')},
    updated_at = ${follows('updated_at')},
    version = EXCLUDED.version
  WHERE EXISTS (SELECT 1 ${WINNING}))`;
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
  // The workspace's key and the version are parameters only when a table part reads them
  // (a batch of puts of `{}` has none): PostgreSQL refuses a parameter no part reads.
  let keyParam = 0;
  const parts: string[] = [];
  for (const [table, rows] of foldChanges(changes)) {
    if (rows.length === 0) continue;
    if (keyParam === 0) keyParam = params.push(workspace.workspaceKey, version) - 1;
    const records = rows.map((row) => ({
      id: row.id,
      data: row.data,
      ...compactClocks(row.clocks),
      deleted: row.data.deleted === 1 || row.data.deleted === true,
      updated_at: timestampOrNull(row.data.updated_at),
    }));
    params.push(JSON.stringify(records));
    parts.push(upsertPart(table, params.length, keyParam));
  }
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
