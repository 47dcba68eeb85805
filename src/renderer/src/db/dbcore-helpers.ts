import Dexie from 'dexie';
import type { DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction } from 'dexie';

/** Runs a function inside the Dexie zone (PSD) that was current when the zone was captured. */
export type InZone = <T>(fn: () => T) => T;

type ZoneApi = { PSD: unknown; usePSD<T>(psd: unknown, fn: () => T): T };
const zoneApi = Dexie.Promise as unknown as ZoneApi;

/**
 * Dexie's lower middlewares (hooks, live-query cache) read the current transaction from the
 * Dexie zone, which a native `await` inside a middleware loses. Capture it on entry and run
 * every later call down the stack inside it (Dexie.Promise.usePSD is Dexie's public door).
 */
export function captureZone(): InZone {
  const psd = zoneApi.PSD;
  return (fn) => zoneApi.usePSD(psd, fn);
}

// DBCoreRangeType is a const enum, which isolated modules cannot import: these are its values.
const RANGE_EQUAL = 1;
const RANGE_BETWEEN = 2;

function betweenRange(lower: unknown, upper: unknown): DBCoreKeyRange {
  return {
    type: RANGE_BETWEEN,
    lower,
    upper,
    lowerOpen: false,
    upperOpen: false,
  } as unknown as DBCoreKeyRange;
}

export function equalRange(key: unknown): DBCoreKeyRange {
  return {
    type: RANGE_EQUAL,
    lower: key,
    upper: key,
    lowerOpen: false,
    upperOpen: false,
  } as unknown as DBCoreKeyRange;
}

/** All rows whose `keyPath` index equals `key`, read inside the caller's transaction. */
export async function rowsByIndex<T>(
  inZone: InZone,
  table: DBCoreTable,
  trans: DBCoreTransaction,
  keyPath: string,
  key: unknown,
): Promise<T[]> {
  const index = table.schema.getIndexByKeyPath(keyPath);
  if (!index) throw new Error(`${table.name} has no index on ${keyPath}`);
  const response = await inZone(() =>
    table.query({ trans, values: true, query: { index, range: equalRange(key) } }),
  );
  return response.result as T[];
}

/** The values a put/add wrote successfully (a bulk write may fail on some items). */
export function writtenValues(
  req: DBCoreMutateRequest,
  failures: Record<number, unknown>,
): unknown[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  return req.values.filter((_, index) => !(index in failures));
}

/** Primary keys a delete or deleteRange will remove, read before the delete runs. */
export async function keysToDelete(
  inZone: InZone,
  table: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<unknown[]> {
  if (req.type === 'delete') return [...req.keys];
  if (req.type !== 'deleteRange') return [];
  const response = await inZone(() =>
    table.query({
      trans: req.trans,
      values: false,
      query: { index: table.schema.primaryKey, range: req.range },
    }),
  );
  return response.result;
}

/**
 * The rows of `table` whose `keyPath` is one of `keys`, grouped by that key. A batch of new
 * customers has neighbouring UUIDv7 ids, so one range read usually covers the whole batch: it
 * is used when the range holds few rows beyond the batch's, else one read per key.
 */
export async function rowsGroupedByIndex<T>(
  inZone: InZone,
  table: DBCoreTable,
  trans: DBCoreTransaction,
  keyPath: string,
  keys: readonly string[],
): Promise<Map<string, T[]>> {
  const grouped = new Map<string, T[]>(keys.map((key) => [key, []]));
  if (keys.length === 0) return grouped;
  const index = table.schema.getIndexByKeyPath(keyPath);
  if (!index) throw new Error(`${table.name} has no index on ${keyPath}`);
  const sorted = [...keys].sort();
  const range = betweenRange(sorted[0], sorted[sorted.length - 1]);
  const useRange =
    keys.length >= 16 &&
    (await inZone(() => table.count({ trans, query: { index, range } }))) <= keys.length * 4 + 64;
  const parts = useRange
    ? [await inZone(() => table.query({ trans, values: true, query: { index, range } }))]
    : await Promise.all(
        keys.map((key) =>
          inZone(() =>
            table.query({ trans, values: true, query: { index, range: equalRange(key) } }),
          ),
        ),
      );
  for (const part of parts) {
    for (const row of part.result as (T & Record<string, unknown>)[])
      grouped.get(String(row[keyPath]))?.push(row);
  }
  return grouped;
}
