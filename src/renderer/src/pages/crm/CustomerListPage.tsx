import { useDeferredValue, useRef, useState } from 'react';
import { CommandEventEffect } from '../../components/customers/CommandEventEffect';
import { CustomerEmptyState } from '../../components/customers/CustomerEmptyState';
import { CustomerFilters } from '../../components/customers/CustomerFilters';
import { CustomerTable } from '../../components/customers/CustomerTable';
import { NewCustomerDialog } from '../../components/customers/NewCustomerDialog';
import {
  useCustomerList,
  useDefaultRegion,
  useTags,
  useTeamMembers,
  useTotalCustomers,
} from '../../hooks/use-crm-data';
import { hasFilters } from '../../services/crm/customer-list-query';
import { useCustomerListStore } from '../../stores/customer-list-store';

export function CustomerListPage() {
  const query = useCustomerListStore((state) => state.query);
  const clearFilters = useCustomerListStore((state) => state.clearFilters);
  // Typing stays responsive: the list catches up with the latest query when it can.
  const deferredQuery = useDeferredValue(query);
  const list = useCustomerList(deferredQuery);
  const ids = list?.ids;
  const total = useTotalCustomers();
  const members = useTeamMembers();
  const tags = useTags();
  const defaultRegion = useDefaultRegion();
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const filtered = hasFilters(deferredQuery) || deferredQuery.search.trim() !== '';

  return (
    <>
      <CommandEventEffect
        onNewCustomer={() => setCreating(true)}
        onFocusSearch={() => searchRef.current?.focus()}
      />
      <header className="page-header">
        <h1 className="page-title">Customers</h1>
        <span className="page-subtitle" aria-live="polite" data-testid="result-count">
          {ids === undefined || total === undefined
            ? ''
            : filtered
              ? `${ids.length.toLocaleString()} of ${total.toLocaleString()}`
              : `${total.toLocaleString()} ${total === 1 ? 'customer' : 'customers'}`}
        </span>
        <div className="page-actions">
          <button className="btn btn-primary" onClick={() => setCreating(true)}>
            New customer <kbd>c</kbd>
          </button>
        </div>
      </header>
      {total === 0 ? (
        <CustomerEmptyState onNewCustomer={() => setCreating(true)} />
      ) : (
        <>
          <CustomerFilters tags={tags} members={members} searchRef={searchRef} />
          {ids && ids.length === 0 ? (
            <div className="empty" data-results-for={deferredQuery.search}>
              <h2>No customers match</h2>
              <p>
                Nothing matches {query.search ? `“${query.search}”` : 'these filters'}. Search looks
                at names, emails and any part of a phone number.
              </p>
              <button className="btn" onClick={clearFilters}>
                Clear search and filters
              </button>
            </div>
          ) : (
            <CustomerTable
              ids={ids ?? []}
              knownRows={list?.rows ?? null}
              members={members}
              searchKey={deferredQuery.search}
            />
          )}
        </>
      )}
      <NewCustomerDialog
        open={creating}
        onOpenChange={setCreating}
        members={members}
        defaultRegion={defaultRegion}
      />
    </>
  );
}
