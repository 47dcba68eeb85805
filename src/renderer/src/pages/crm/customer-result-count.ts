import type { CustomerListResult } from '../../services/crm/customers/customer-list-query';

/**
 * "12 of 3,400 · 3 close matches", "3,400 customers", "Indexing…", or "counting…" while the
 * search index loads (the count comes from it: never a guess, never a table walk).
 */
export function resultCount(
  list: CustomerListResult | undefined,
  total: number | undefined,
): string {
  if (list === undefined) return '';
  if (list.kind === 'indexing') return 'Indexing customers…';
  if (total === undefined) return 'counting…';
  if (list.kind === 'all')
    return `${total.toLocaleString()} ${total === 1 ? 'customer' : 'customers'}`;
  const exact = `${list.exactCount.toLocaleString()} of ${total.toLocaleString()}`;
  if (list.closeCount === 0) return exact;
  const close = `${list.closeCount.toLocaleString()} close ${list.closeCount === 1 ? 'match' : 'matches'}`;
  return `${exact} · ${close}`;
}
