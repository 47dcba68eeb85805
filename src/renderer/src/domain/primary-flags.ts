/**
 * "Exactly one primary when any exist": given a customer's live items and an optional choice,
 * returns the flag each one should carry.
 */
type Flaggable = { id: string; is_primary: 0 | 1; deleted: 0 | 1; created_at: string };

export function resolvePrimaryFlags<T extends Flaggable>(items: readonly T[], preferredId?: string): Map<string, 0 | 1> {
  const live = items.filter((item) => item.deleted === 0);
  const chosen =
    live.find((item) => item.id === preferredId) ??
    live.find((item) => item.is_primary === 1) ??
    [...live].sort((a, b) => a.created_at.localeCompare(b.created_at))[0];
  const flags = new Map<string, 0 | 1>();
  for (const item of items) flags.set(item.id, item.deleted === 0 && item.id === chosen?.id ? 1 : 0);
  return flags;
}
