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
 * The rows of `table` whose `keyPath` is one of `keys`, grouped by that key. Keys that sit
 * together (a batch of new customers' UUIDv7 ids, an import's updates taken in id order) are
 * read as one range when it holds few other rows: the range is read with a limit, so a crowded
 * one costs at most a few times the wanted rows (counting it first would walk all of it). It is
 * tried whole, then in halves (an import chunk mixes old customers with new ones), then key by
 * key for keys scattered across the table.
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
  const found = table.schema.getIndexByKeyPath(keyPath);
  if (!found) throw new Error(`${table.name} has no index on ${keyPath}`);
  const index = found;
  const rows: unknown[] = [];
  // After the whole range failed: whether the first few keys' range holds few other rows,
  // read as keys only with a small limit. Keys scattered among many rows (a chunk's email
  // addresses in a large database) fail it and are read key by key at once: each half would
  // read up to four rows of values per key only to throw them away (with the whole range,
  // 30,000 email rows per 2,000-customer chunk of the demo seed in a database of 20,000).
  const sitTogether = async (segment: readonly string[]): Promise<boolean> => {
    const limit = segment.length * RANGE_ROWS_PER_KEY + RANGE_SLACK;
    const range = betweenRange(segment[0], segment[segment.length - 1]);
    const response = await inZone(() =>
      table.query({ trans, values: false, limit: limit + 1, query: { index, range } }),
    );
    return response.result.length <= limit;
  };
  const probe = async (segment: readonly string[]): Promise<boolean> => {
    const limit = segment.length * RANGE_ROWS_PER_KEY + RANGE_SLACK;
    const range = betweenRange(segment[0], segment[segment.length - 1]);
    const response = await inZone(() =>
      table.query({ trans, values: true, limit: limit + 1, query: { index, range } }),
    );
    if (response.result.length > limit) return false;
    rows.push(...response.result);
    return true;
  };
  const sorted = [...new Set(keys)].sort();
  let perKey: string[] = [];
  if (sorted.length < MIN_KEYS_FOR_RANGE || !(await probe(sorted))) {
    const halves =
      sorted.length < MIN_KEYS_FOR_RANGE * 2 ||
      !(await sitTogether(sorted.slice(0, MIN_KEYS_FOR_RANGE)))
        ? []
        : [sorted.slice(0, sorted.length / 2), sorted.slice(sorted.length / 2)];
    const read = await Promise.all(halves.map(probe));
    perKey = halves.length === 0 ? sorted : halves.flatMap((half, i) => (read[i] ? [] : half));
  }
  const single = await Promise.all(
    perKey.map((key) =>
      inZone(() => table.query({ trans, values: true, query: { index, range: equalRange(key) } })),
    ),
  );
  for (const row of [...rows, ...single.flatMap((response) => response.result)] as (T &
    Record<string, unknown>)[])
    grouped.get(String(row[keyPath]))?.push(row);
  return grouped;
}

const MIN_KEYS_FOR_RANGE = 16;
const RANGE_ROWS_PER_KEY = 4;
const RANGE_SLACK = 64;
