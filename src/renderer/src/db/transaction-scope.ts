/**
 * Change capture and the list projection write to tables the caller did not name. IndexedDB
 * only lets a transaction touch the stores it was opened with, so every read-write
 * transaction is widened to include them (Dexie Cloud widens its mutation tables the same way).
 */
import { PROJECTION_INPUT_TABLES } from './schema';

const ALWAYS_WITH_WRITES = [
  'sync_outbox',
  'customers_crm_v',
  'search_journal',
  ...PROJECTION_INPUT_TABLES,
] as const;

export function widenWriteScope(
  stores: readonly string[],
  mode: 'readonly' | 'readwrite',
): string[] {
  if (mode !== 'readwrite') return [...stores];
  return [...new Set([...stores, ...ALWAYS_WITH_WRITES])];
}
