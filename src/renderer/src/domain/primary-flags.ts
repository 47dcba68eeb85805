/**
 * "Exactly one primary when any exist": given a customer's live items and an optional choice,
 * returns the flag each one should carry.
 */
import { byCreatedAtThenId, pickPrimary } from './customer-projection';

type Flaggable = { id: string; is_primary: 0 | 1; deleted: 0 | 1; created_at: string };

export function resolvePrimaryFlags<T extends Flaggable>(
  items: readonly T[],
  preferredId?: string,
): Map<string, 0 | 1> {
  const live = items.filter((item) => item.deleted === 0).sort(byCreatedAtThenId);
  const chosen = live.find((item) => item.id === preferredId) ?? pickPrimary(live);
  const flags = new Map<string, 0 | 1>();
  for (const item of items)
    flags.set(item.id, item.deleted === 0 && item.id === chosen?.id ? 1 : 0);
  return flags;
}
