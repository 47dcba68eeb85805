import { shortcutFor } from '../../app/actions/registry';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useCommandEvent } from '../../app/actions/use-command-event';
import { ColumnPicker } from '../../components/customers/ColumnPicker';
import { CustomerBulkBar } from '../../components/customers/CustomerBulkBar';
import { SavedViewsMenu } from '../../components/customers/SavedViewsMenu';
import { CustomerEmptyState } from '../../components/customers/CustomerEmptyState';
import { CustomerFilters } from '../../components/customers/CustomerFilters';
import { CustomerTable } from '../../components/customers/CustomerTable';
import { ExportDialog } from '../../components/customers/ExportDialog';
import { NewCustomerDialog } from '../../components/customers/NewCustomerDialog';
import { useCustomerList, useTags, useTotalCustomers } from '../../hooks/customers/use-customers';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { useChosenColumns } from '../../hooks/customers/use-list-columns';
import { useTeamMembers } from '../../hooks/team/use-team';
import { useElementWidth } from '../../components/ui/use-element-width';
import { fitColumns, hiddenByWidth } from '../../domain/customers/list-columns';
import { crm } from '../../services/registry';
import { useCustomerSelectionStore } from '../../stores/customers/customer-selection-store';
import { hasFilters } from '../../services/crm/customers/customer-list-query';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';

/** Below this list width the filters fold into a menu, keeping the bar on one line. */
const COMPACT_FILTERS_BELOW = 1060;

export function CustomerListPage() {
  const query = useCustomerListStore((state) => state.query);
  const clearFilters = useCustomerListStore((state) => state.clearFilters);
  // Typing stays responsive: the list catches up with the latest query when it can.
  const deferredQuery = useDeferredValue(query);
  const list = useCustomerList(deferredQuery);
  const total = useTotalCustomers();
  const members = useTeamMembers();
  const tags = useTags();
  const defaultRegion = useDefaultRegion();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const [bodyRef, width] = useElementWidth();
  const chosenColumns = useChosenColumns();
  const selectAll = useCustomerSelectionStore((state) => state.selectAll);
  const clearSelection = useCustomerSelectionStore((state) => state.clear);
  // A new search or filter starts a new selection: a bulk change acts on what is in view.
  useEffect(() => clearSelection(), [deferredQuery, clearSelection]);
  const selectAllMatches = () => void crm().customerBulk.matchingIds(deferredQuery).then(selectAll);
  const filtered = hasFilters(deferredQuery) || deferredQuery.search.trim() !== '';
  // How many the list shows: all customers, or the matches of the query it answered.
  useCommandEvent('new-customer', () => setCreating(true));
  useCommandEvent('focus-search', () => searchRef.current?.focus());
  const shown =
    list === undefined ? undefined : list.kind === 'matches' ? list.ids.length : list.total;

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Customers</h1>
        <span className="page-subtitle" aria-live="polite" data-testid="result-count">
          {shown === undefined || total === undefined
            ? ''
            : list?.kind === 'matches'
              ? `${shown.toLocaleString()} of ${total.toLocaleString()}`
              : `${total.toLocaleString()} ${total === 1 ? 'customer' : 'customers'}`}
        </span>
        <div className="page-actions">
          <button className="btn" disabled={!total} onClick={() => setExporting(true)}>
            Export
          </button>
          <button className="btn btn-primary" onClick={() => setCreating(true)}>
            New customer <kbd>{shortcutFor('new-customer')}</kbd>
          </button>
        </div>
      </header>
      {total === 0 ? (
        <CustomerEmptyState onNewCustomer={() => setCreating(true)} />
      ) : (
        <>
          <CustomerFilters
            tags={tags}
            members={members}
            searchRef={searchRef}
            compact={width < COMPACT_FILTERS_BELOW}
          >
            <ColumnPicker chosen={chosenColumns} hidden={hiddenByWidth(chosenColumns, width)} />
            <SavedViewsMenu columns={chosenColumns} />
          </CustomerFilters>
          <CustomerBulkBar
            matchCount={shown ?? 0}
            members={members}
            tags={tags}
            onSelectAllMatches={selectAllMatches}
          />
          {list === undefined ? null : shown === 0 && list.kind === 'matches' ? (
            <div className="empty" data-results-for={list.query.search}>
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
            <div ref={bodyRef} className="customer-list-body">
              <CustomerTable
                result={list}
                members={members}
                columns={fitColumns(chosenColumns, width)}
                onSelectAllMatches={selectAllMatches}
              />
            </div>
          )}
        </>
      )}
      <ExportDialog
        open={exporting}
        onOpenChange={setExporting}
        query={deferredQuery}
        listCount={shown ?? 0}
        total={total ?? 0}
        filtered={filtered}
      />
      <NewCustomerDialog
        open={creating}
        onOpenChange={setCreating}
        members={members}
        defaultRegion={defaultRegion}
      />
    </>
  );
}
