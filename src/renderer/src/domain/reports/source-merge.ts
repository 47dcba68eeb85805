/**
 * The rows the reports keep between visits, brought up to date with the rows a write named:
 * each named row replaces the kept one with its key, is added when new, or is dropped when it
 * is gone (null). The order of the kept rows stays (touchpoints stay grouped by customer, which
 * makes preparing them faster); new rows come last.
 */
export function mergeRows<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  changed: ReadonlyMap<string, T | null>,
): T[] {
  if (changed.size === 0) return rows.slice();
  const placed = new Set<string>();
  const merged: T[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (!changed.has(key)) {
      merged.push(row);
      continue;
    }
    const now = changed.get(key);
    if (now != null && !placed.has(key)) merged.push(now);
    placed.add(key);
  }
  for (const [key, row] of changed) if (row != null && !placed.has(key)) merged.push(row);
  return merged;
}
