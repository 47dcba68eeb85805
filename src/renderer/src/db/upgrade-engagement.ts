/**
 * Schema version 5: every list row gains its engagement log-score, computed once from the
 * touchpoints (one pass), so the customer list can sort by engagement from its index.
 */
import type { Transaction } from 'dexie';
import type { CustomerListRow, EngagementTouchpoint } from '../domain/records';
import { logScoresByCustomer, NO_ENGAGEMENT_LOG } from '../domain/reports/engagement-score';

export async function fillEngagementLogs(tx: Transaction): Promise<void> {
  const touchpoints = (await tx
    .table('customer_engagement_metrics')
    .toArray()) as EngagementTouchpoint[];
  const scores = logScoresByCustomer(touchpoints);
  await tx
    .table('customers_crm_v')
    .toCollection()
    .modify((row: CustomerListRow) => {
      row.engagement_log = scores.get(row.customer_id) ?? NO_ENGAGEMENT_LOG;
    });
}
