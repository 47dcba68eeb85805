import { shortcutFor } from '../../app/actions/registry';
import { firstScreenShown } from '../../app/first-screen';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCommandEvent } from '../../app/actions/use-command-event';
import { ColumnPicker } from '../../components/customers/ColumnPicker';
import { CustomerBulkBar } from '../../components/customers/CustomerBulkBar';
import { SavedViewsMenu } from '../../components/customers/SavedViewsMenu';
import { CustomerEmptyState } from '../../components/customers/CustomerEmptyState';
import { CustomerFilters } from '../../components/customers/CustomerFilters';
import { CustomerTable } from '../../components/customers/CustomerTable';
import { lazyNamed, WhenFirstOpened } from '../../app/lazy';
import { useCustomerList, useTags, useTotalCustomers } from '../../hooks/customers/use-customers';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { useChosenColumnsRead } from '../../hooks/customers/use-list-columns';
import { useTeamMembersRead } from '../../hooks/team/use-team';
import { handOverFirstPaint } from '../../app/first-paint/overlay';
import { captureFirstPaint } from '../../app/first-paint/capture';
import { takeTypedSearch, type TypedSearch } from '../../app/first-paint/typed-keys';
import { FIRST_WINDOW, hasFilters } from '../../services/crm/customers/customer-list-query';
import { resultCount } from './customer-result-count';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';

// Dialogs load when first opened: the list shows without waiting for their forms.
const ExportDialog = lazyNamed(
  () => import('../../components/customers/ExportDialog'),
  'ExportDialog',
);
const NewCustomerDialog = lazyNamed(
  () => import('../../components/customers/NewCustomerDialog'),
  'NewCustomerDialog',
);
import { useElementWidth } from '../../components/ui/use-element-width';
import { fitColumns, hiddenByWidth, sortColumn } from '../../domain/customers/list-columns';
import { crm } from '../../services/registry';
import { useCustomerSelectionStore } from '../../stores/customers/customer-selection-store';

/** Below this list width the filters fold into a menu, keeping the bar on one line. */
const COMPACT_FILTERS_BELOW = 1120;

export function CustomerListPage() {
  const query = useCustomerListStore((state) => state.query);
  const clearFilters = useCustomerListStore((state) => state.clearFilters);
  const setQuery = useCustomerListStore((state) => state.setQuery);
  // Each keystroke queries the search worker at once; the list shows the last answer meanwhile.
  const list = useCustomerList(query);
  const counted = useTotalCustomers();
  // Before the index counts (it starts after the first screen), an empty unfiltered read of
  // the sort index says there are none: the empty state shows at once.
  const total = counted ?? (list?.kind === 'all' && list.first.length === 0 ? 0 : undefined);
  const membersRead = useTeamMembersRead();
  const members = useMemo(() => membersRead ?? [], [membersRead]);
  const tags = useTags();
  const defaultRegion = useDefaultRegion();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const [bodyRef, width] = useElementWidth();
  const { columns: chosenColumns, read: columnsRead } = useChosenColumnsRead();
  // Kept between renders: the rows are memoized on it.
  // The sort's own column shows while the list is sorted by it (list-columns.ts sortColumn).
  const sortedBy = sortColumn(query.sort);
  const columns = useMemo(
    () => fitColumns(chosenColumns, width, sortedBy),
    [chosenColumns, width, sortedBy],
  );
  const selectAll = useCustomerSelectionStore((state) => state.selectAll);
  const clearSelection = useCustomerSelectionStore((state) => state.clear);
  // A new search or filter starts a new selection: a bulk change acts on what is in view.
  useEffect(() => clearSelection(), [query, clearSelection]);
  // The first answer is on screen (rows, the empty state, "no match"): the rest may start.
  const answered = list !== undefined;
  useEffect(() => {
    if (answered) firstScreenShown();
  }, [answered]);
  // Settled: the answer, the chosen columns and the owners' names are all read, so what the
  // list shows now stays. The first paint's picture (app/first-paint) goes in this same task,
  // before the browser paints: the screen goes from the picture to React's list directly.
  const settled = answered && columnsRead && membersRead !== undefined;
  const handedOver = useRef(false);
  const typed = useRef<TypedSearch | null>(null);
  function focusTyped() {
    const box = searchRef.current;
    if (!typed.current || !box || box.value !== typed.current.text) return;
    box.focus();
    box.setSelectionRange(typed.current.selectionStart, typed.current.selectionEnd);
    typed.current = null;
  }
  useLayoutEffect(() => {
    if (!settled || handedOver.current) return;
    handedOver.current = true;
    handOverFirstPaint();
    // Typed into the picture's search box: the search, and the box focused with its caret.
    typed.current = takeTypedSearch();
    if (typed.current) setQuery({ search: typed.current.text });
    focusTyped(); // its text is the box's already (nothing left after Backspace)
    if (list?.kind === 'all' && list.query.sort === 'name' && list.query.direction === 'asc')
      captureFirstPaint({
        chosen: chosenColumns,
        columns,
        firstWindow: FIRST_WINDOW,
        rows: list.first,
      });
  }, [settled, list, chosenColumns, columns, setQuery]);
  // React's box shows the typed text once the search is rendered: then it takes the focus.
  useLayoutEffect(focusTyped, [query.search]);
  // One function for the page's life, reading the query when called: a keystroke changes the
  // query, and the memoized table and bulk bar then skip the keystroke's own render (only the
  // answer's render changes them).
  const queryRef = useRef(query);
  queryRef.current = query;
  const selectAllMatches = useCallback(
    () => void crm().customerBulk.matchingIds(queryRef.current).then(selectAll),
    [selectAll],
  );
  const openCreate = useCallback(() => setCreating(true), []);
  const hidden = useMemo(
    () => hiddenByWidth(chosenColumns, width, sortedBy),
    [chosenColumns, width, sortedBy],
  );
  // The bar's extra controls as one element while their props are unchanged (memoized filters).
  const barControls = useMemo(
    () => (
      <>
        <ColumnPicker chosen={chosenColumns} hidden={hidden} />
        <SavedViewsMenu columns={chosenColumns} />
      </>
    ),
    [chosenColumns, hidden],
  );
  const filtered = hasFilters(query) || query.search.trim() !== '';
  // How many the list shows: all customers, or the matches of the query it answered.
  useCommandEvent('new-customer', () => setCreating(true));
  useCommandEvent('focus-search', () => searchRef.current?.focus());
  const shown =
    list === undefined
      ? undefined
      : list.kind === 'matches'
        ? list.exactCount + list.closeCount
        : list.kind === 'all'
          ? total
          : undefined;

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Customers</h1>
        <span className="page-subtitle" aria-live="polite" data-testid="result-count">
          {resultCount(list, total)}
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
        <CustomerEmptyState onNewCustomer={openCreate} />
      ) : (
        <>
          <CustomerFilters
            tags={tags}
            members={members}
            searchRef={searchRef}
            compact={width < COMPACT_FILTERS_BELOW}
          >
            {barControls}
          </CustomerFilters>
          <CustomerBulkBar
            matchCount={shown ?? 0}
            members={members}
            tags={tags}
            onSelectAllMatches={selectAllMatches}
          />
          {/* Always mounted: its width fits the columns, and a remount (an empty answer, then
              rows again) would measure it again, forcing a layout and a second render. */}
          <div ref={bodyRef} className="customer-list-body">
            {list === undefined ? null : list.kind === 'indexing' ? (
              <div className="empty indexing" role="status" data-testid="search-indexing">
                <h2>
                  Indexing {total === undefined ? '' : `${total.toLocaleString()} `}customers…
                </h2>
                <p>
                  Search and filters answer as soon as the index is ready
                  {list.indexed > 0 ? ` (${list.indexed.toLocaleString()} read so far)` : ''}.
                </p>
              </div>
            ) : shown === 0 && list.kind === 'matches' ? (
              <div className="empty" data-results-for={list.query.search}>
                <h2>No customers match</h2>
                <p>
                  Nothing matches {query.search ? `“${query.search}”` : 'these filters'}. Search
                  looks at names, emails, any part of a phone number, tags and notes.
                </p>
                <button className="btn" onClick={clearFilters}>
                  Clear search and filters
                </button>
              </div>
            ) : (
              <CustomerTable
                result={list}
                total={total}
                members={members}
                columns={columns}
                onSelectAllMatches={selectAllMatches}
              />
            )}
          </div>
        </>
      )}
      <WhenFirstOpened open={exporting}>
        <ExportDialog
          open={exporting}
          onOpenChange={setExporting}
          query={query}
          listCount={shown ?? 0}
          total={total ?? 0}
          filtered={filtered}
        />
      </WhenFirstOpened>
      <WhenFirstOpened open={creating}>
        <NewCustomerDialog
          open={creating}
          onOpenChange={setCreating}
          members={members}
          defaultRegion={defaultRegion}
        />
      </WhenFirstOpened>
    </>
  );
}
