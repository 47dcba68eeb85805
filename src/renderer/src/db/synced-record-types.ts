/**
 * Compile-time proof that the shared sync schemas (src/shared/sync/tables.ts) describe the
 * records this app stores, field for field and type for type. Adding a field to a record in
 * domain/records.ts without giving it a sync type (or changing a type on one side only)
 * fails the typecheck here. It lives on the renderer side because src/shared may not import
 * renderer code.
 */
import type { Table } from 'dexie';
import type { SyncRowFields, SyncTableName } from '../../../shared/sync/tables';
import type { CrmDatabase } from './database';

/** The record type stored in a synced Dexie table. */
export type SyncedRecordOf<T extends SyncTableName> =
  CrmDatabase[T] extends Table<infer Row, infer _Key, infer _Insert> ? Row : never;

type Same<A, B> =
  (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false;

type FieldsMatch = {
  [T in SyncTableName]: Same<Omit<SyncedRecordOf<T>, 'id'>, SyncRowFields<T>>;
};

// Every entry must be `true`: a table whose record and schema differ makes its entry `false`
// and this assignment a type error naming the table.
export const SYNC_SCHEMAS_MATCH_RECORDS: { [T in SyncTableName]: FieldsMatch[T] & true } = {
  customer_profiles: true,
  customer_emails: true,
  customer_phones: true,
  customer_engagement_metrics: true,
  crm_tasks: true,
  crm_task_assignments: true,
  event_deals: true,
  deal_participants: true,
  deal_pipeline: true,
  deal_status_history: true,
  customer_relationships: true,
  team_members: true,
  duplicate_dismissals: true,
};
