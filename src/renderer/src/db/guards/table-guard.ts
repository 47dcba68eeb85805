/**
 * A table's rules on the write path: what the guard middleware (guard-middleware.ts) runs in
 * front of that table's writes. Each feature contributes the guards of its own tables
 * (guards/*.ts); the middleware reads them from one registry, never from a list of names.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreQueryRequest,
  DBCoreQueryResponse,
  DBCoreTable,
} from 'dexie';
import type { InZone } from '../dbcore-helpers';

/** An add or a put: the writes that carry rows to check. */
export type RowsWrite = DBCoreMutateRequest & { values: readonly unknown[] };

export type GuardContext = {
  /** Runs a call down the stack inside the writer's Dexie zone (see dbcore-helpers.ts). */
  inZone: InZone;
  /** The whole stack below the guard, for reads of other tables. */
  down: DBCore;
  /** This table, below the guard. */
  table: DBCoreTable;
};

export type TableGuard = {
  /** Runs before each add or put; throws an InvariantViolation to refuse the write whole. */
  check(context: GuardContext, write: RowsWrite): Promise<void> | void;
  /** Sees the table's queries (a guard may remember what a transaction already read). */
  sawQuery?(context: GuardContext, req: DBCoreQueryRequest, response: DBCoreQueryResponse): void;
  /** After a write reached the table (failures: the rows it refused). */
  afterWrite?(req: DBCoreMutateRequest, failures: Record<number, unknown>): void;
};

export type GuardRegistry = Readonly<Record<string, TableGuard>>;
