/**
 * Version 4's upgrade: list rows lose `search_tokens` and gain what the search index reads
 * (`all_emails`, `all_phones`, `notes`). Each row is projected again from its customer's
 * records, in batches of keys so memory stays flat on a large database. It writes only
 * customers_crm_v (not a projection input), so neither the projection nor change capture
 * runs: the search index has no snapshot yet and builds itself from these rows.
 */
import type { Transaction } from 'dexie';
import { projectCustomerRow } from '../domain/customer-projection';
import type {
  CrmTask,
  CustomerEmail,
  CustomerListRow,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
} from '../domain/records';

const BATCH = 2_000;

async function childrenOf<T extends { customer_id: string | null }>(
  tx: Transaction,
  table: string,
  ids: readonly string[],
): Promise<Map<string, T[]>> {
  const grouped = new Map<string, T[]>();
  const rows = (await tx.table(table).where('customer_id').anyOf(ids).toArray()) as T[];
  for (const row of rows) {
    const key = row.customer_id ?? '';
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}

async function reprojectBatch(tx: Transaction, ids: readonly string[]): Promise<void> {
  const [profiles, emails, phones, touchpoints, tasks] = await Promise.all([
    tx.table('customer_profiles').bulkGet([...ids]) as Promise<(CustomerProfile | undefined)[]>,
    childrenOf<CustomerEmail>(tx, 'customer_emails', ids),
    childrenOf<CustomerPhone>(tx, 'customer_phones', ids),
    childrenOf<EngagementTouchpoint>(tx, 'customer_engagement_metrics', ids),
    childrenOf<CrmTask>(tx, 'crm_tasks', ids),
  ]);
  const rows: CustomerListRow[] = [];
  const gone: string[] = [];
  ids.forEach((id, index) => {
    const row = projectCustomerRow({
      profile: profiles[index],
      emails: emails.get(id) ?? [],
      phones: phones.get(id) ?? [],
      touchpoints: touchpoints.get(id) ?? [],
      tasks: tasks.get(id) ?? [],
    });
    if (row) rows.push(row);
    else gone.push(id);
  });
  await tx.table('customers_crm_v').bulkPut(rows);
  if (gone.length > 0) await tx.table('customers_crm_v').bulkDelete(gone);
}

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const view = tx.table('customers_crm_v');
  let after: string | null = null;
  for (;;) {
    const range = after === null ? view.toCollection() : view.where(':id').above(after);
    const ids = (await range.limit(BATCH).primaryKeys()) as string[];
    if (ids.length === 0) return;
    await reprojectBatch(tx, ids);
    after = ids[ids.length - 1] ?? null;
  }
}
