/**
 * How a row's per-field clocks are stored (migration 6): once per row in the `clock` column,
 * and in the `clocks` jsonb only for the fields whose clock differs from it. A row written by
 * one change (the common case: a new record, an import) stores one clock instead of one per
 * field, which halves what the row weighs and what a push sends to SQL. A field's clock is
 * `clocks[field]`, else `clock` when the field is in `data`; a field not in `data` has none.
 * Rows stored before migration 6 have `clock` null and every clock in `clocks`: the same rule
 * reads them unchanged.
 */

export type CompactClocks = { clock: string | null; clocks: Record<string, string> };

/**
 * Splits per-field clocks into the row's clock (the one most fields share; the greatest on a
 * tie, so the split is deterministic) and the exceptions.
 */
export function compactClocks(clocks: Readonly<Record<string, string>>): CompactClocks {
  const counts = new Map<string, number>();
  for (const clock of Object.values(clocks)) counts.set(clock, (counts.get(clock) ?? 0) + 1);
  let base: string | null = null;
  let best = 0;
  for (const [clock, count] of counts)
    if (count > best || (count === best && base !== null && clock > base)) {
      base = clock;
      best = count;
    }
  const exceptions: Record<string, string> = {};
  for (const [field, clock] of Object.entries(clocks))
    if (clock !== base) exceptions[field] = clock;
  return { clock: base, clocks: exceptions };
}

/** Every field's clock of a stored row (what a pull answers), from its compact form. */
export function expandClocks(
  data: Readonly<Record<string, unknown>>,
  stored: CompactClocks,
): Record<string, string> {
  const clocks: Record<string, string> = {};
  for (const field of Object.keys(data)) {
    const clock = Object.hasOwn(stored.clocks, field) ? stored.clocks[field] : stored.clock;
    if (clock) clocks[field] = clock;
  }
  // A clock without its field never arises from a push; kept rather than dropped if found.
  for (const [field, clock] of Object.entries(stored.clocks))
    if (!Object.hasOwn(clocks, field)) clocks[field] = clock;
  return clocks;
}
