import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent, MouseEvent } from 'react';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { columnLabel } from '../../domain/customers/list-columns';
import { formatListCount } from '../../domain/customers/list-cell-format';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { useListWindow, useMatchWindow } from '../../hooks/customers/use-customers';
import type {
  CustomerListResult,
  MatchWindow,
} from '../../services/crm/customers/customer-list-query';
import { LIST_OVERSCAN, LIST_ROW_HEIGHT } from '../../services/crm/customers/customer-list-query';
import { crm } from '../../services/registry';
import { useCustomerSelectionStore } from '../../stores/customers/customer-selection-store';
import { CustomerRowCells } from './CustomerRowCells';

const ROW_HEIGHT = LIST_ROW_HEIGHT;

type Shown = Exclude<CustomerListResult, { kind: 'indexing' }>;
type Props = {
  result: Shown;
  /** Every customer, counted (undefined until counted: the unfiltered list shows rows first). */
  total: number | undefined;
  members: TeamMember[];
  /** The columns that fit (domain/customers/list-columns.ts fitColumns), in order. */
  columns: readonly ListColumnId[];
  onSelectAllMatches(): void;
};

/**
 * Matches list exact ones, then a dashed divider, then close (typo) ones: the divider is one
 * more list slot. These map a slot to the result's index (null for the divider) and back.
 */
function slotCount(result: Shown, total: number | undefined): number {
  if (result.kind === 'all') return total ?? result.first.length;
  return result.exactCount + result.closeCount + (result.closeCount > 0 ? 1 : 0);
}

function resultIndexOf(result: Shown, slot: number): number | null {
  if (result.kind === 'all' || result.closeCount === 0 || slot < result.exactCount) return slot;
  return slot === result.exactCount ? null : slot - 1;
}

function rowIn(window: MatchWindow | null | undefined, index: number) {
  const id = window?.ids[index - window.offset];
  return id === undefined ? undefined : window?.rows.get(id);
}

/** The rows the visible slots need: the first window, or the window read as the list scrolls. */
function useVisibleRows(result: Shown, total: number | undefined, first: number, last: number) {
  const matches = result.kind === 'matches';
  const from = resultIndexOf(result, first) ?? first;
  const to = resultIndexOf(result, last) ?? last - 1;
  const beyondFirst = matches && to >= result.first.offset + result.first.ids.length;
  const scrolled = useMatchWindow(result.query, from, beyondFirst ? to - from + 1 : 0);
  // Unfiltered, the visible window is read from the sort index. While a search shows, the
  // last unfiltered window stays asked, unchanged: the answer's render neither reads it nor
  // unsubscribes and subscribes its live query again (about a millisecond of a keystroke),
  // and clearing the search finds it read already.
  const allWindow = useRef<{ offset: number; limit: number; query: Shown['query'] } | null>(null);
  if (!matches) allWindow.current = { offset: first, limit: last - first + 1, query: result.query };
  const asked = allWindow.current;
  const windowRows = useListWindow(
    asked?.query.sort ?? result.query.sort,
    asked?.query.direction ?? result.query.direction,
    asked?.offset ?? 0,
    asked?.limit ?? 0,
  );
  const live =
    windowRows &&
    windowRows.sort === result.query.sort &&
    windowRows.direction === result.query.direction
      ? windowRows
      : undefined;
  const liveInView =
    !matches && live !== undefined && live.offset === first && live.rows.length > 0;
  // The live window of what is in view once read (it follows writes), else the rows read with
  // the answer (a cold start, a search cleared). One source per render, never a mix: written
  // in between, the two may hold one customer at two indexes (two rows with one key).
  const firstRows = result.kind === 'all' ? result.first : [];
  const allRows = liveInView || first >= firstRows.length ? live : undefined;
  const rowAt = (index: number): CustomerListRow | undefined => {
    if (result.kind === 'matches') {
      const current = scrolled?.query === result.query ? scrolled.window : null;
      return rowIn(result.first, index) ?? rowIn(current, index);
    }
    return allRows ? allRows.rows[index - allRows.offset] : firstRows[index];
  };
  const rendered = matches || total === 0 || liveInView || (first === 0 && last < firstRows.length);
  return { rowAt, rendered };
}

/**
 * The rows rendered beyond those in view. A search's new answer renders only the rows in view
 * (the keystroke's answer is on screen sooner: each row is a fixed share of its render), and
 * the overscan rows, already read with it, follow once that frame is painted, for scrolling.
 */
function useOverscanAfterFrame(result: Shown): number {
  const [settled, setSettled] = useState<Shown | null>(null);
  const fresh = result.kind === 'matches' && settled !== result;
  useEffect(() => {
    if (!fresh) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the next frame: a task posted from its animation callbacks runs once it is drawn.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setSettled(result), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [fresh, result]);
  return fresh ? 0 : LIST_OVERSCAN;
}

/**
 * Selecting rows: a click on a row's box, or Ctrl/Cmd-click on the row, toggles it;
 * shift-click selects the range from the last one toggled (over every match, in the list's
 * order, read from the search index). Keyboard: Space or x toggles the active row, Shift+↑/↓
 * extend, Ctrl/Cmd+A selects all matches, Escape clears.
 */
function useRowSelection(result: Shown) {
  const selection = useCustomerSelectionStore((state) => state.selection);
  const toggle = useCustomerSelectionStore((state) => state.toggle);
  const extendTo = useCustomerSelectionStore((state) => state.extendTo);
  const pick = (id: string, range: boolean) => {
    if (!range) toggle(id);
    else
      void crm()
        .customerBulk.matchingIds(result.query)
        .then((ids) => extendTo(ids, id));
  };
  return { selected: selection.ids, pick };
}

/**
 * Memoized: a keystroke renders the page with the previous answer (same props), and only the
 * new answer renders the table.
 * Virtualized: only the rows in view are in the DOM and only their list rows are read from
 * the database, so 100,000 customers scroll like 100. Keyboard: ↑/↓ or j/k, Enter opens.
 */
export const CustomerTable = memo(function CustomerTable({
  result,
  total,
  members,
  columns,
  onSelectAllMatches,
}: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
  const { selected, pick } = useRowSelection(result);
  // One function for every row and render, so memoized rows re-render only when their own
  // props change (a keystroke re-renders the table with the previous answer's rows).
  const pickRef = useRef(pick);
  pickRef.current = pick;
  const onPick = useCallback((id: string, range: boolean) => pickRef.current(id, range), []);
  const clearSelection = useCustomerSelectionStore((state) => state.clear);
  const count = slotCount(result, total);
  const matchCount =
    result.kind === 'all' ? (total ?? result.first.length) : result.exactCount + result.closeCount;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const overscan = useOverscanAfterFrame(result);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The first answer reads and renders the rows that can be in view (firstMatchWindow).
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? Math.min(count - 1, 30);
  const { rowAt: rowAtResult, rendered } = useVisibleRows(result, total, first, last);
  const rowAt = (slot: number) => {
    const index = resultIndexOf(result, slot);
    return index === null ? undefined : rowAtResult(index);
  };
  const ownerName = new Map(members.map((member) => [member.id, member.name]));
  const activeRow = rowAt(activeIndex);
  const allSelected = matchCount > 0 && selected.size >= matchCount;

  function moveTo(index: number, extend = false) {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const id = rowAt(next)?.customer_id;
    if (extend && id && !selected.has(id)) pick(id, true);
  }

  function handleSelectionKey(event: KeyboardEvent<HTMLDivElement>): boolean {
    if ((event.key === ' ' || event.key === 'x') && activeRow) {
      pick(activeRow.customer_id, event.shiftKey);
      return true;
    }
    if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
      onSelectAllMatches();
      return true;
    }
    if (event.key === 'Escape' && selected.size > 0) {
      clearSelection();
      return true;
    }
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      if (activeRow && !selected.has(activeRow.customer_id)) pick(activeRow.customer_id, false);
      moveTo(activeIndex + (event.key === 'ArrowDown' ? 1 : -1), true);
      return true;
    }
    return false;
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (handleSelectionKey(event)) {
      event.preventDefault();
      return;
    }
    const page = Math.max(
      1,
      Math.floor((scrollerRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: 1,
      j: 1,
      ArrowUp: -1,
      k: -1,
      PageDown: page,
      PageUp: -page,
    };
    if (event.key in moves) moveTo(activeIndex + (moves[event.key] ?? 0));
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'Enter' && activeRow) navigate(`/customers/${activeRow.customer_id}`);
    else return;
    event.preventDefault();
  }

  function handleRowClick(event: MouseEvent, id: string | undefined) {
    if (!id) return;
    if (event.shiftKey || event.ctrlKey || event.metaKey) pick(id, event.shiftKey);
    else navigate(`/customers/${id}`);
  }

  // The grid itself takes the focus and names the active row: ARIA allows
  // aria-activedescendant on a grid, not on the plain scrolling box inside it.
  return (
    <>
      <p id="customer-grid-keys" hidden>
        Arrow keys move, Space selects, Enter opens
      </p>
      <div
        role="grid"
        aria-label="Customers"
        aria-describedby="customer-grid-keys"
        aria-multiselectable="true"
        aria-rowcount={count + 1}
        className="customer-grid"
        tabIndex={0}
        onKeyDown={handleKeyDown}
        aria-activedescendant={activeRow ? `customer-row-${activeRow.customer_id}` : undefined}
      >
        <div role="row" aria-rowindex={1} className="list-head">
          {columns.map((column) => (
            <span key={column} role="columnheader" className={`col-${column}`}>
              {column === 'name' && (
                <input
                  type="checkbox"
                  className="row-select"
                  aria-label={`Select all ${formatListCount(matchCount)} customers`}
                  checked={allSelected}
                  onChange={() => (allSelected ? clearSelection() : onSelectAllMatches())}
                />
              )}
              {columnLabel(column)}
            </span>
          ))}
        </div>
        <div
          ref={scrollerRef}
          className="list-scroller"
          data-results-for={rendered ? result.query.search : undefined}
          data-testid="customer-list"
        >
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              if (resultIndexOf(result, item.index) === null) {
                return (
                  <div
                    key="close-divider"
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="list-divider"
                    style={{ top: item.start, height: ROW_HEIGHT }}
                  >
                    <span role="gridcell">Close matches (one typo away)</span>
                  </div>
                );
              }
              const row = rowAt(item.index);
              const id = row?.customer_id;
              return (
                <div
                  // Keyed by position, not by customer: a keystroke's new answer updates the rows
                  // in view in place (their text and attributes) instead of removing every row
                  // element and creating new ones (most of the commit's DOM work).
                  key={`row-${item.index}`}
                  id={id ? `customer-row-${id}` : undefined}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={id ? selected.has(id) : false}
                  data-active={item.index === activeIndex || undefined}
                  className="list-row"
                  style={{ top: item.start, height: ROW_HEIGHT }}
                  onClick={(event) => handleRowClick(event, id)}
                  onMouseDown={(event) => {
                    setActive(item.index);
                    // Shift-click selects rows, not the text between them.
                    if (event.shiftKey) event.preventDefault();
                  }}
                >
                  {row ? (
                    <CustomerRowCells
                      row={row}
                      search={result.query.search}
                      columns={columns}
                      ownerName={ownerName.get(row.owner_id)}
                      selected={selected.has(row.customer_id)}
                      onPick={onPick}
                    />
                  ) : (
                    <span role="gridcell" className="cell">
                      <span className="skeleton" />
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
});
