/**
 * Pairs the sync conflict rules proposed (docs/sync.md: two laptops gave one email address to
 * two customers; the later claim kept it, and both were recorded in sync_state as
 * `proposed_duplicates`). The Duplicates view lists them beside the detector's pairs, with
 * their reason, until one is dismissed ("Not a duplicate", the synced table every pair uses)
 * or merged (one of the two is no longer a live customer).
 */
import type { CrmDatabase } from '../../../db/database';
import type { CustomerProfile, DuplicateDismissal } from '../../../domain/records';
import { readProposedDuplicates } from '../../../sync/resolved-log';
import type { ProposedDuplicate } from '../../../sync/resolved-log';
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

/** The proposals to list (a live read: sync_state, dismissals and the two profiles). */
export async function readProposedPairs(db: CrmDatabase): Promise<ProposedPair[]> {
  const proposed = await readProposedDuplicates(db);
  if (proposed.length === 0) return [];
  const ids = [...new Set(proposed.flatMap((item) => item.customer_ids))];
  const [profiles, dismissals] = await Promise.all([
    db.customer_profiles.bulkGet(ids),
    db.duplicate_dismissals.bulkGet(proposed.map((item) => dismissalId(...item.customer_ids))),
  ]);
  const live = new Set(
    profiles
      .filter((p): p is CustomerProfile => p !== undefined && p.deleted === 0)
      .map((p) => p.id),
  );
  const dismissed = liveDismissalIds(dismissals.filter((row) => row !== undefined));
  return visibleProposedPairs(proposed, dismissed, (id) => live.has(id));
}
