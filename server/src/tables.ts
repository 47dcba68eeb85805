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
