import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { columnLabel } from '../../domain/customers/list-columns';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { useListWindow } from '../../hooks/customers/use-customers';
import type { CustomerListResult } from '../../services/crm/customers/customer-list-query';
import { crm } from '../../services/registry';
import { useCustomerSelectionStore } from '../../stores/customers/customer-selection-store';
import { CustomerCell } from './customer-cells';

const ROW_HEIGHT = 36;

type Props = {
  result: CustomerListResult;
  members: TeamMember[];
  /** The columns that fit (domain/customers/list-columns.ts fitColumns), in order. */
  columns: readonly ListColumnId[];
  onSelectAllMatches(): void;
};

/** The list's ids in order, for a shift-click range: the matches, or all from the sort index. */
async function orderedIds(result: CustomerListResult): Promise<readonly string[]> {
  return result.kind === 'matches' ? result.ids : crm().customerBulk.matchingIds(result.query);
}

/**
 * Selecting rows: a click on a row's box, or Ctrl/Cmd-click on the row, toggles it;
 * shift-click selects the range from the last one toggled. Keyboard: Space or x toggles the
 * active row, Shift+↑/↓ extend, Ctrl/Cmd+A selects all matches, Escape clears.
 */
function useRowSelection(result: CustomerListResult) {
  const selection = useCustomerSelectionStore((state) => state.selection);
  const toggle = useCustomerSelectionStore((state) => state.toggle);
  const extendTo = useCustomerSelectionStore((state) => state.extendTo);
  const pick = (id: string, range: boolean) => {
    if (!range) toggle(id);
    else void orderedIds(result).then((ids) => extendTo(ids, id));
  };
  return { selected: selection.ids, pick };
}

/**
 * Virtualized: only the rows in view are in the DOM and only their list rows are read from
 * the database, so 100,000 customers scroll like 100. Keyboard: ↑/↓ or j/k, Enter opens.
 */
export function CustomerTable({ result, members, columns, onSelectAllMatches }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
  const { selected, pick } = useRowSelection(result);
  const clearSelection = useCustomerSelectionStore((state) => state.clear);
  const count = result.kind === 'matches' ? result.ids.length : result.total;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? Math.min(count - 1, 30);
  // Unfiltered, the visible window is read from the sort index; otherwise the query has the rows.
  const windowRows = useListWindow(
    result.query.sort,
    result.query.direction,
    result.kind === 'all' ? first : 0,
    result.kind === 'all' ? last - first + 1 : 0,
  );
  const rowAt = (index: number): CustomerListRow | undefined => {
    if (result.kind === 'matches') {
      const id = result.ids[index];
      return id === undefined ? undefined : result.rows.get(id);
    }
    if (
      !windowRows ||
      windowRows.sort !== result.query.sort ||
      windowRows.direction !== result.query.direction
    )
      return undefined;
    return windowRows.rows[index - windowRows.offset];
  };
  const ownerName = new Map(members.map((member) => [member.id, member.name]));
  const rendered =
    result.kind === 'matches' ||
    (windowRows !== undefined &&
      windowRows.offset === first &&
      (count === 0 || windowRows.rows.length > 0));
  const activeRow = rowAt(activeIndex);
  const allSelected = count > 0 && selected.size >= count;

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

  return (
    <div
      role="grid"
      aria-label="Customers"
      aria-multiselectable="true"
      aria-rowcount={count + 1}
      className="customer-grid"
    >
      <div role="row" aria-rowindex={1} className="list-head">
        {columns.map((column) => (
          <span key={column} role="columnheader" className={`col-${column}`}>
            {column === 'name' && (
              <input
                type="checkbox"
                className="row-select"
                aria-label={`Select all ${count.toLocaleString()} customers`}
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
        tabIndex={0}
        aria-label="Customer rows: Space selects, Enter opens"
        onKeyDown={handleKeyDown}
        aria-activedescendant={activeRow ? `customer-row-${activeRow.customer_id}` : undefined}
        data-results-for={rendered ? result.query.search : undefined}
        data-testid="customer-list"
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const id = row?.customer_id;
            return (
              <div
                key={id ?? `pending-${item.index}`}
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
                    columns={columns}
                    ownerName={ownerName.get(row.owner_id)}
                    selected={selected.has(row.customer_id)}
                    onPick={(range) => pick(row.customer_id, range)}
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
  );
}

type RowCellsProps = {
  row: CustomerListRow;
  columns: readonly ListColumnId[];
  ownerName: string | undefined;
  selected: boolean;
  onPick(range: boolean): void;
};

function CustomerRowCells({ row, columns, ownerName, selected, onPick }: RowCellsProps) {
  // The box sits in the name cell: the row's first cell stays its name for readers and tests.
  const box = (
    <input
      type="checkbox"
      className="row-select"
      tabIndex={-1}
      aria-label={`Select ${row.display_name}`}
      checked={selected}
      onClick={(event) => {
        event.stopPropagation();
        onPick(event.shiftKey);
      }}
      onChange={() => undefined}
    />
  );
  return (
    <>
      {columns.map((column) => (
        <CustomerCell
          key={column}
          column={column}
          row={row}
          ownerName={ownerName}
          before={column === 'name' ? box : undefined}
        />
      ))}
    </>
  );
}
