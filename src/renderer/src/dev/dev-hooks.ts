/**
 * Developer and benchmark hooks, installed only when the page is opened with `?dev` (never in
 * normal use: Electron loads the app without it). Benchmarks drive the real app through this
 * object: seed large data sets, time raw Dexie queries beside the UI.
 */
import { getDb } from '../db/instance';
import type { CustomerListQuery } from '../services/crm/customer-list-query';
import { DEFAULT_LIST_QUERY, queryCustomerList } from '../services/crm/customer-list-query';
import { crm } from '../services/registry';

export function installDevHooks(): void {
  const queries = {
    customerList: (patch: Partial<CustomerListQuery>) =>
      queryCustomerList(getDb(), { ...DEFAULT_LIST_QUERY, ...patch }),
  };
  Object.assign(window, { encoreDev: { db: getDb(), crm: crm(), queries } });
}
