/**
 * The product tables the server stores: the desktop's synced tables, read from the one shared
 * declaration (src/shared/sync/tables.ts), which also types every field a push may set.
 * A table is the unit SQL knows about (each is a real SQL table); every row keeps its fields
 * in a jsonb `data` with a jsonb of per-field clocks beside it.
 */
import type { SyncTableName } from '../../src/shared/sync/tables';
import { SYNC_TABLE_NAMES } from '../../src/shared/sync/tables';

export const PRODUCT_TABLES: readonly SyncTableName[] = SYNC_TABLE_NAMES;
export type ProductTable = SyncTableName;

const known = new Set<string>(PRODUCT_TABLES);
export function isProductTable(name: string): name is ProductTable {
  return known.has(name);
}

/** Child tables that point at a customer: indexed on data->>'customer_id' for the view. */
export const CUSTOMER_CHILD_TABLES: readonly ProductTable[] = [
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'deal_participants',
];

/**
 * Where a table's rows live. A product table is its own SQL table. `other_rows` held rows of
 * tables the server did not know, before pushes were checked against the shared schemas
 * (migration 2); pushes to unknown tables are refused now, but such rows still pull.
 */
export type Storage = {
  sqlTable: string;
  /** SQL matching a row set: $1 = workspace id, $2 = text[] of ids, $3 = table name. */
  where: string;
  params: (workspaceId: string, ids: string[]) => unknown[];
  insert: string;
};

export function storageFor(table: string): Storage {
  if (isProductTable(table))
    return {
      sqlTable: table,
      where: 'workspace_id = $1 AND id = ANY($2::text[])',
      params: (workspaceId, ids) => [workspaceId, ids],
      insert: `INSERT INTO ${table} (workspace_id, id) SELECT $1, unnest($2::text[]) ORDER BY 2 ON CONFLICT DO NOTHING`,
    };
  return {
    sqlTable: 'other_rows',
    where: 'workspace_id = $1 AND id = ANY($2::text[]) AND table_name = $3',
    params: (workspaceId, ids) => [workspaceId, ids, table],
    insert: `INSERT INTO other_rows (workspace_id, table_name, id) SELECT $1, $3, unnest($2::text[]) ORDER BY 3 ON CONFLICT DO NOTHING`,
  };
}
