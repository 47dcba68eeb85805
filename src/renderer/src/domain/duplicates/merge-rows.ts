/**
 * How a merge moves the rows that point at the customers merged away: kept rows are
 * re-pointed at the survivor, a row that would repeat one the survivor has is tombstoned
 * where it is (never re-pointed: its tombstone still says whose it was). Only live rows are
 * touched; tombstones stay as they are.
 */
import { byCreatedAtThenId, pickPrimary } from '../customer-projection';
import { resolvePrimaryFlags } from '../primary-flags';
import type { CustomerEmail, CustomerPhone, DealParticipant, IsoDateTime } from '../records';
import { byRecency } from './merge-profile';
import type { CustomerBundle, DropReason } from './merge-types';

export type Moved<T> = {
  changes: { before: T; after: T }[];
  dropped: { id: string; why: DropReason }[];
};

type Owned = { id: string; customer_id: string | null; deleted: 0 | 1; created_at: string };

/** Live rows of the survivor first, then each other customer's, oldest first. */
function liveRowsInOrder<T extends Owned>(
  bundles: readonly CustomerBundle[],
  rowsOf: (b: CustomerBundle) => readonly T[],
) {
  return bundles.flatMap((bundle) =>
    rowsOf(bundle)
      .filter((row) => row.deleted === 0)
      .sort(byCreatedAtThenId),
  );
}

/**
 * Re-points every live row of the others at the survivor; a row whose key (when given) is
 * already held by a kept row is tombstoned instead.
 */
export function moveRows<T extends Owned & { updated_at: string }>(
  bundles: readonly CustomerBundle[],
  rowsOf: (bundle: CustomerBundle) => readonly T[],
  at: IsoDateTime,
  dedupe?: { keyOf: (row: T) => string; why: DropReason },
): Moved<T> & { kept: T[] } {
  const survivorId = (bundles[0] as CustomerBundle).profile.id;
  const moved: Moved<T> & { kept: T[] } = { changes: [], dropped: [], kept: [] };
  const taken = new Set<string>();
  for (const row of liveRowsInOrder(bundles, rowsOf)) {
    const key = dedupe?.keyOf(row);
    // The survivor's own rows stay as they are, even two of them with one key.
    if (row.customer_id === survivorId) {
      if (key !== undefined) taken.add(key);
      moved.kept.push(row);
      continue;
    }
    if (key !== undefined && taken.has(key)) {
      moved.changes.push({ before: row, after: { ...row, deleted: 1, updated_at: at } });
      moved.dropped.push({ id: row.id, why: dedupe?.why as DropReason });
      continue;
    }
    if (key !== undefined) taken.add(key);
    const after = { ...row, customer_id: survivorId, updated_at: at };
    moved.changes.push({ before: row, after });
    moved.kept.push(after);
  }
  return moved;
}

type Contact = CustomerEmail | CustomerPhone;

/**
 * Emails (or phones) united: one row per address (number), exactly one primary: the chosen
 * row, else the survivor's primary, else the primary of the most recently updated other.
 */
export function uniteContacts<T extends Contact>(
  bundles: readonly CustomerBundle[],
  rowsOf: (bundle: CustomerBundle) => readonly T[],
  keyOf: (row: T) => string,
  why: DropReason,
  preferredId: string | undefined,
  at: IsoDateTime,
): Moved<T> {
  const moved = moveRows(bundles, rowsOf, at, { keyOf, why });
  const keptIds = new Set(moved.kept.map((row) => row.id));
  const [survivor, ...others] = bundles as [CustomerBundle, ...CustomerBundle[]];
  const fallback = [survivor, ...byRecency(others)]
    .map((bundle) => pickPrimary(rowsOf(bundle).filter((row) => keptIds.has(row.id)))?.id)
    .find((id) => id !== undefined);
  const chosen = preferredId !== undefined && keptIds.has(preferredId) ? preferredId : fallback;
  const flags = resolvePrimaryFlags(moved.kept, chosen);
  const changed = new Map(moved.changes.map((change) => [change.after.id, change]));
  for (const row of moved.kept) {
    const flag = flags.get(row.id) ?? 0;
    if (row.is_primary === flag) continue;
    const change = changed.get(row.id);
    if (change) change.after = { ...change.after, is_primary: flag };
    else moved.changes.push({ before: row, after: { ...row, is_primary: flag, updated_at: at } });
  }
  return { changes: moved.changes, dropped: moved.dropped };
}

export function moveParticipants(
  bundles: readonly CustomerBundle[],
  at: IsoDateTime,
): Moved<DealParticipant> {
  const { changes, dropped } = moveRows(bundles, (bundle) => bundle.participants, at, {
    keyOf: (row) => `${row.deal_id}\u0000${row.role}`,
    why: 'same-deal-role',
  });
  return { changes, dropped };
}
