/**
 * Counts the IndexedDB requests a piece of code makes, per store (and index) and method, by
 * wrapping the request methods of fake-indexeddb's IDBObjectStore and IDBIndex. The first
 * sync's cost is mostly the number of requests it makes per row, so tests state it as that.
 */
type Counted = Record<string, number>;

const STORE_METHODS = [
  'get',
  'getAll',
  'getAllKeys',
  'put',
  'add',
  'delete',
  'openCursor',
  'openKeyCursor',
  'count',
] as const;
const INDEX_METHODS = [
  'get',
  'getAll',
  'getAllKeys',
  'openCursor',
  'openKeyCursor',
  'count',
] as const;

let counts: Counted | null = null;

function wrap(
  proto: Record<string, unknown>,
  method: string,
  where: (self: unknown) => string,
): void {
  const original = proto[method] as ((...args: unknown[]) => unknown) | undefined;
  if (typeof original !== 'function' || (original as { counted?: boolean }).counted) return;
  const counted = function (this: unknown, ...args: unknown[]) {
    if (counts) {
      const key = `${where(this)} ${method}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return original.apply(this, args);
  };
  (counted as { counted?: boolean }).counted = true;
  proto[method] = counted;
}

function install(): void {
  const store = (
    globalThis as unknown as { IDBObjectStore?: { prototype: Record<string, unknown> } }
  ).IDBObjectStore;
  const index = (globalThis as unknown as { IDBIndex?: { prototype: Record<string, unknown> } })
    .IDBIndex;
  if (!store || !index) throw new Error('IndexedDB globals missing (fake-indexeddb/auto)');
  for (const method of STORE_METHODS)
    wrap(store.prototype, method, (self) => (self as { name: string }).name);
  for (const method of INDEX_METHODS)
    wrap(index.prototype, method, (self) => {
      const idx = self as { name: string; objectStore: { name: string } };
      return `${idx.objectStore.name}[${idx.name}]`;
    });
}

/** Runs `body` and returns what it asked of IndexedDB, e.g. {"customer_profiles get": 3}. */
export async function countIdbCalls<T>(
  body: () => Promise<T>,
): Promise<{ result: T; calls: Counted }> {
  install();
  const before = counts;
  counts = {};
  try {
    const result = await body();
    return { result, calls: counts };
  } finally {
    counts = before;
  }
}

/** The sum of calls to exactly these keys ("customer_profiles get": reads by key). */
export function callsTo(calls: Counted, ...keys: string[]): number {
  return keys.reduce((sum, key) => sum + (calls[key] ?? 0), 0);
}

/** The sum of calls whose key starts with one of `prefixes` ("customer_emails[": its indexes). */
export function callsMatching(calls: Counted, ...prefixes: string[]): number {
  return Object.entries(calls)
    .filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix)))
    .reduce((sum, [, count]) => sum + count, 0);
}
