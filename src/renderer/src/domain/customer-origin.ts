/**
 * How a customer came into the CRM: the list row's `origin` (customer-projection.ts), which
 * the reports count as "new customers by origin". Its own module so the projection, which
 * every write loads, does not load the reports.
 */
import type { ContactSource, CustomerOrigin } from './records';

type ContactPoint = { source: ContactSource; created_at: string; id: string };

/**
 * The `created_via` the write path records when it creates the customer (the form `manual`,
 * the import `import`, another system through the sync API `sync`), else the source of its
 * earliest contact point (email or phone, deleted ones included: they say how the customer
 * arrived; profiles created before it was recorded have no `created_via`), else unknown.
 */
export function customerOrigin(
  profile: { created_via?: ContactSource | null },
  contactPoints: readonly ContactPoint[],
): CustomerOrigin {
  if (profile.created_via) return profile.created_via;
  let first: ContactPoint | undefined;
  for (const point of contactPoints)
    if (
      !first ||
      point.created_at < first.created_at ||
      (point.created_at === first.created_at && point.id < first.id)
    )
      first = point;
  return first?.source ?? 'unknown';
}

/**
 * Each origin (and contact source) as the screen names it: the stored code ("web-form") is
 * for machines. Read by the reports' "New customers per month by source", its chart's legend
 * and CSV, and the contact points of a customer's page.
 */
export const CUSTOMER_ORIGIN_LABELS: Readonly<Record<CustomerOrigin, string>> = {
  manual: 'Typed in',
  import: 'Import',
  sync: 'Sync',
  event: 'Event',
  'web-form': 'Web form',
  unknown: 'Unknown',
};
