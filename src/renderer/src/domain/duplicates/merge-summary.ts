/**
 * What a planned merge does, counted for the merge screen and the toast: rows moved to the
 * survivor per kind, and rows tombstoned because the survivor already has them.
 */
import type { MergePlan, MergeTable } from './merge-types';

export type MergeCounts = {
  touchpoints: number;
  tasks: number;
  dealRoles: number;
  relationships: number;
  emails: number;
  phones: number;
  /** Repeats of what the survivor keeps (same address, number, deal role or link). */
  dropped: number;
};

const KIND: Partial<Record<MergeTable, keyof MergeCounts>> = {
  customer_engagement_metrics: 'touchpoints',
  crm_tasks: 'tasks',
  deal_participants: 'dealRoles',
  customer_relationships: 'relationships',
  customer_emails: 'emails',
  customer_phones: 'phones',
};

export function mergeCounts(plan: Pick<MergePlan, 'changes' | 'dropped'>): MergeCounts {
  const counts: MergeCounts = {
    touchpoints: 0,
    tasks: 0,
    dealRoles: 0,
    relationships: 0,
    emails: 0,
    phones: 0,
    dropped: plan.dropped.length,
  };
  for (const change of plan.changes) {
    const kind = KIND[change.table];
    // A move keeps the row live; a tombstoned repeat is counted in `dropped`; a primary flag
    // changed on the survivor's own row is not a move.
    if (!kind || change.after.deleted === 1) continue;
    const moved =
      change.table === 'customer_relationships'
        ? change.before.from_customer_id !== change.after.from_customer_id ||
          change.before.to_customer_id !== change.after.to_customer_id
        : (change.before as { customer_id: unknown }).customer_id !==
          (change.after as { customer_id: unknown }).customer_id;
    if (moved) counts[kind] += 1;
  }
  return counts;
}
