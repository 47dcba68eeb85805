/**
 * Pairs the sync conflict rules proposed (docs/sync.md: two laptops gave one email address to
 * two customers; the later claim kept it, and both were recorded in sync_state as
 * `proposed_duplicates`). The Duplicates view lists them beside the detector's pairs, with
 * their reason, until one is dismissed ("Not a duplicate", the synced table every pair uses)
 * or merged (one of the two is no longer a live customer).
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import type { CustomerProfile, DuplicateDismissal } from '../../../domain/records';
import type { ProposedDuplicate } from '../../../sync/resolved-log';
import { SYNC_KEYS } from '../../../sync/sync-state';
import { dismissalId } from './dismissals';

export type ProposedPair = {
  a: string;
  b: string;
  /** The address both laptops claimed. */
  address: string;
  keptBy: string;
  proposedAt: string;
};

/**
 * The proposals still worth showing, newest first, each pair once: not dismissed, both
 * customers live. Pure, so the rule is tested without a database.
 */
export function visibleProposedPairs(
  proposed: readonly ProposedDuplicate[],
  dismissed: ReadonlySet<string>,
  isLive: (customerId: string) => boolean,
): ProposedPair[] {
  const seen = new Set<string>();
  const visible: ProposedPair[] = [];
  for (const item of [...proposed].reverse()) {
    const [a, b] = item.customer_ids;
    const id = dismissalId(a, b);
    if (a === b || seen.has(id) || dismissed.has(id) || !isLive(a) || !isLive(b)) continue;
    seen.add(id);
    visible.push({
      a: a < b ? a : b,
      b: a < b ? b : a,
      address: item.address,
      keptBy: item.kept_by,
      proposedAt: item.proposed_at,
    });
  }
  return visible;
}

const liveDismissalIds = (rows: readonly DuplicateDismissal[]) =>
  new Set(rows.filter((row) => row.deleted === 0).map((row) => row.id));

/**
 * The proposals to list, as a live query reads them: Dexie promises chained with `then` (a
 * native await, nested, leaves the live query's zone, and reads after it would go unwatched).
 * Dismissals are read whole (a short table), so any dismissal wakes the query.
 */
export function readProposedPairs(db: CrmDatabase): Promise<ProposedPair[]> {
  return Dexie.Promise.all([
    db.sync_state.get(SYNC_KEYS.proposedDuplicates),
    db.duplicate_dismissals.toArray(),
  ]).then(([saved, dismissals]) => {
    const proposed = Array.isArray(saved?.value) ? (saved.value as ProposedDuplicate[]) : [];
    if (proposed.length === 0) return [];
    const ids = [...new Set(proposed.flatMap((item) => item.customer_ids))];
    return db.customer_profiles.bulkGet(ids).then((profiles) => {
      const live = new Set(
        profiles
          .filter((p): p is CustomerProfile => p !== undefined && p.deleted === 0)
          .map((p) => p.id),
      );
      return visibleProposedPairs(proposed, liveDismissalIds(dismissals), (id) => live.has(id));
    });
  });
}
