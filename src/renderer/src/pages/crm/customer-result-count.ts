import { formatListCount as n } from '../../domain/customers/list-cell-format';
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
  if (list.kind === 'all') return `${n(total)} ${total === 1 ? 'customer' : 'customers'}`;
  const exact = `${n(list.exactCount)} of ${n(total)}`;
  if (list.closeCount === 0) return exact;
  const close = `${n(list.closeCount)} close ${list.closeCount === 1 ? 'match' : 'matches'}`;
  return `${exact} · ${close}`;
}
