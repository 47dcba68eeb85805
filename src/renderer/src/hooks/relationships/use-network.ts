/** The relationships screen's reads, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { NetworkGroup } from '../../services/crm/relationships/relationship-service';
import { readNetwork } from '../../services/crm/relationships/relationship-service';

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
