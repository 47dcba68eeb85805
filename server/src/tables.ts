/**
 * The product tables the server stores, the same names as the desktop's synced tables.
 * A table is the unit the server knows about (each is a real SQL table); its fields are not:
 * every row keeps its fields in a jsonb `data` with a jsonb of per-field clocks beside it.
 */
export const PRODUCT_TABLES = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'crm_task_assignments',
  'event_deals',
  'deal_participants',
  'deal_pipeline',
  'deal_status_history',
  'customer_relationships',
  'team_members',
] as const;
export type ProductTable = (typeof PRODUCT_TABLES)[number];

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
 * Where a table's rows live. A product table is its own SQL table; a synced table the
 * server has no migration for yet (another feature added it on the desktop) lands in
 * `other_rows` under its name, so a new client table syncs before the server learns it.
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
