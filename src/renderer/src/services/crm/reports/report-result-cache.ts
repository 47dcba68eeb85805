/**
 * The last few results, by filter key, for as long as nothing they were computed from has
 * changed: the reports engine keeps its computed figures here (cleared by any announced
 * write or applied load), and the page keeps the figures it last showed (cleared by any
 * announced write), so a visit again with nothing written answers at once
 * (docs/reports.md, "Visit again").
 */
export type ResultCache<V> = {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Forgets every result: something they were computed from changed. */
  clear(): void;
  readonly size: number;
};

/** A cache of at most `limit` results, the least recently used forgotten first. */
export function createResultCache<V>(limit: number): ResultCache<V> {
  const results = new Map<string, V>();
  return {
    get(key) {
      const value = results.get(key);
      if (value === undefined) return undefined;
      // Map keeps insertion order: move the key to the end (most recently used).
      results.delete(key);
      results.set(key, value);
      return value;
    },
    set(key, value) {
      results.delete(key);
      results.set(key, value);
      while (results.size > limit) results.delete(results.keys().next().value!);
    },
    clear: () => results.clear(),
    get size() {
      return results.size;
    },
  };
}
