/** The relationships screen's reads, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { NetworkGroup } from '../../services/crm/relationships/relationship-service';
import { readAllLinks, readNetwork } from '../../services/crm/relationships/relationship-service';
import type { LinkLine } from '../../domain/relationships/all-links';

export function useCustomerName(id: string | null): string | null | undefined {
  return useLiveQuery(
    async () => (id ? ((await getDb().customers_crm_v.get(id))?.display_name ?? null) : null),
    [id],
  );
}

export function useNetwork(customerId: string | null): NetworkGroup[] | undefined {
  return useLiveQuery(
    () => (customerId ? readNetwork(getDb(), customerId) : Promise.resolve([])),
    [customerId],
  );
}

/** Every relationship, for the relationships page's list. */
export function useAllLinks(): LinkLine[] | undefined {
  return useLiveQuery(() => readAllLinks(getDb()), []);
}
