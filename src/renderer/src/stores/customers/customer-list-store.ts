import { create } from 'zustand';
import type { CustomerListQuery } from '../../services/crm/customers/customer-list-query';
import { DEFAULT_LIST_QUERY } from '../../services/crm/customers/customer-list-query';

/** UI state of the customer list: what is searched, filtered and sorted. Never rows. */
type CustomerListState = {
  query: CustomerListQuery;
  setQuery: (patch: Partial<CustomerListQuery>) => void;
  clearFilters: () => void;
};

export const useCustomerListStore = create<CustomerListState>()((set, get) => ({
  query: DEFAULT_LIST_QUERY,
  setQuery: (patch) => set({ query: { ...get().query, ...patch } }),
  clearFilters: () =>
    set({
      query: { ...DEFAULT_LIST_QUERY, sort: get().query.sort, direction: get().query.direction },
    }),
}));
