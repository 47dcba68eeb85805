/**
 * "Not a duplicate": a pair dismissed for good, in the synced duplicate_dismissals table so
 * every laptop of the team stops proposing it. Undone by tombstoning the row.
 */
import type { CrmDatabase } from '../../../db/database';
import { nowIso } from '../../../domain/ids';
import { ok, type Result } from '../../../domain/result';

/** The row id of a pair, in either order (ids are UUIDs: no '+' inside, no control character). */
export function dismissalId(x: string, y: string): string {
  return x < y ? `${x}+${y}` : `${y}+${x}`;
}

export async function dismissPair(db: CrmDatabase, x: string, y: string): Promise<Result<void>> {
  if (x === y) return { ok: false, error: 'A customer is not a pair with itself' };
  const [a, b] = x < y ? [x, y] : [y, x];
  const id = dismissalId(a, b);
  const now = nowIso();
  await db.transaction('rw', ['duplicate_dismissals'], async () => {
    const existing = await db.duplicate_dismissals.get(id);
    if (existing) await db.duplicate_dismissals.update(id, { deleted: 0, updated_at: now });
    else
      await db.duplicate_dismissals.add({
        id,
        created_at: now,
        updated_at: now,
        deleted: 0,
        customer_a: a,
        customer_b: b,
      });
  });
  return ok();
}

export async function undismissPair(db: CrmDatabase, x: string, y: string): Promise<Result<void>> {
  await db.duplicate_dismissals.update(dismissalId(x, y), { deleted: 1, updated_at: nowIso() });
  return ok();
}

/** Live dismissed pairs, as [a, b]. */
export async function dismissedPairs(db: CrmDatabase): Promise<[string, string][]> {
  const rows = await db.duplicate_dismissals.toArray();
  return rows.filter((row) => row.deleted === 0).map((row) => [row.customer_a, row.customer_b]);
}
