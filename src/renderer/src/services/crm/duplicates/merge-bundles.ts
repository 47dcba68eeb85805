/**
 * Reading what a merge needs: one bundle per customer (the profile and every row pointing at
 * it). Called inside the merge's transaction, so the plan is made from what is committed.
 */
import type { CrmDatabase } from '../../../db/database';
import type { CustomerBundle } from '../../../domain/duplicates/merge-types';

/** The tables a merge reads and writes (change capture widens the transaction for the outbox). */
export const MERGE_TABLES = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'crm_task_assignments',
  'deal_participants',
  'customer_relationships',
] as const;

export async function readBundle(db: CrmDatabase, id: string): Promise<CustomerBundle | null> {
  const profile = await db.customer_profiles.get(id);
  if (!profile) return null;
  const [emails, phones, touchpoints, tasks, participants, from, to] = await Promise.all([
    db.customer_emails.where('customer_id').equals(id).toArray(),
    db.customer_phones.where('customer_id').equals(id).toArray(),
    db.customer_engagement_metrics.where('customer_id').equals(id).toArray(),
    db.crm_tasks.where('customer_id').equals(id).toArray(),
    db.deal_participants.where('customer_id').equals(id).toArray(),
    db.customer_relationships.where('from_customer_id').equals(id).toArray(),
    db.customer_relationships.where('to_customer_id').equals(id).toArray(),
  ]);
  const assignments =
    tasks.length === 0
      ? []
      : await db.crm_task_assignments
          .where('task_id')
          .anyOf(tasks.map((task) => task.id))
          .toArray();
  const relationships = [...from, ...to.filter((row) => row.from_customer_id !== id)];
  return { profile, emails, phones, touchpoints, tasks, assignments, participants, relationships };
}

/** Bundles in the order asked; the ids of customers that do not exist. */
export async function readBundles(
  db: CrmDatabase,
  ids: readonly string[],
): Promise<{ bundles: CustomerBundle[]; missing: string[] }> {
  const read = await Promise.all(ids.map((id) => readBundle(db, id)));
  const bundles: CustomerBundle[] = [];
  const missing: string[] = [];
  read.forEach((bundle, index) => {
    if (bundle) bundles.push(bundle);
    else missing.push(ids[index] as string);
  });
  return { bundles, missing };
}
