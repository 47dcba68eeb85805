/**
 * Bulk reads for applying a pulled page, inside its transaction. IndexedDB answers a bulkGet
 * or an anyOf with one request (or one cursor step) per key, and a page brings up to 2,000
 * rows: in a first sync most of those reads find nothing. The keys of a page sit together
 * (UUIDv7 ids, sorted addresses), so one key-range read with a limit says at once which of
 * them exist; only those are then read. A range crowded with other rows (a laptop that holds
 * much more than the page) costs one bounded read more before the per-key read it replaces.
 */
import type { Table } from 'dexie';

/** Rows per wanted key a probe may read before it gives up (the import's helper uses 4 too). */
const ROWS_PER_KEY = 4;
const SLACK = 64;

function probeLimit(keys: number): number {
  return keys * ROWS_PER_KEY + SLACK;
}

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort();
}

/**
 * The stored rows of `ids` (undefined where none), in the order of `ids`. One primary-key
 * range read (keys only) finds which exist; only those are read by key.
 */
export async function storedByIds<T extends { id: string }, TInsert = T>(
  table: Table<T, string, TInsert>,
  ids: readonly string[],
): Promise<(T | undefined)[]> {
  if (ids.length === 0) return [];
  const sorted = sortedUnique(ids);
  const limit = probeLimit(sorted.length);
  const found = await table
    .where(':id')
    .between(sorted[0], sorted[sorted.length - 1], true, true)
    .limit(limit + 1)
    .primaryKeys();
  if (found.length > limit) return table.bulkGet([...ids]);
  const present = new Set(found.map(String));
  const existing = sorted.filter((id) => present.has(id));
  if (existing.length === 0) return ids.map(() => undefined);
  const rows = await table.bulkGet(existing);
  const byId = new Map(existing.map((id, index) => [id, rows[index]]));
  return ids.map((id) => byId.get(id));
}

/**
 * The stored rows whose `index` is one of `keys` (any order). One range read with a limit
 * when the keys sit together; otherwise Dexie's anyOf.
 */
export async function storedByIndex<T, TInsert>(
  table: Table<T, string, TInsert>,
  index: string,
  keys: readonly string[],
): Promise<T[]> {
  if (keys.length === 0) return [];
  const sorted = sortedUnique(keys);
  const limit = probeLimit(sorted.length);
  const rows = await table
    .where(index)
    .between(sorted[0], sorted[sorted.length - 1], true, true)
    .limit(limit + 1)
    .toArray();
  if (rows.length > limit) return table.where(index).anyOf(sorted).toArray();
  const wanted = new Set(sorted);
  return rows.filter((row) => wanted.has(String((row as Record<string, unknown>)[index])));
}
