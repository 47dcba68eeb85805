import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent } from 'react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { useListWindow, useMatchWindow } from '../../hooks/customers/use-customers';
import type {
  CustomerListResult,
  MatchWindow,
} from '../../services/crm/customers/customer-list-query';
import { CustomerRowCells } from './CustomerRowCells';

const ROW_HEIGHT = 36;
const COLUMNS = ['Name', 'Email', 'Phone', 'Stage', 'Tags', 'Owner', 'Last touch', 'Score'];

type Shown = Exclude<CustomerListResult, { kind: 'indexing' }>;
type Props = { result: Shown; members: TeamMember[] };

/**
 * Matches list exact ones, then a dashed divider, then close (typo) ones: the divider is one
 * more list slot. These map a slot to the result's index (null for the divider) and back.
 */
function slotCount(result: Shown): number {
  if (result.kind === 'all') return result.total;
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
function useVisibleRows(result: Shown, first: number, last: number) {
  const matches = result.kind === 'matches';
  const from = resultIndexOf(result, first) ?? first;
  const to = resultIndexOf(result, last) ?? last - 1;
  const beyondFirst = matches && to >= result.first.offset + result.first.ids.length;
  const scrolled = useMatchWindow(result.query, from, beyondFirst ? to - from + 1 : 0);
  // Unfiltered, the visible window is read from the sort index.
  const windowRows = useListWindow(
    result.query.sort,
    result.query.direction,
    matches ? 0 : first,
    matches ? 0 : last - first + 1,
  );
  const rowAt = (index: number): CustomerListRow | undefined => {
    if (result.kind === 'matches') {
      const current = scrolled?.query === result.query ? scrolled.window : null;
      return rowIn(result.first, index) ?? rowIn(current, index);
    }
    if (
      !windowRows ||
      windowRows.sort !== result.query.sort ||
      windowRows.direction !== result.query.direction
    )
      return undefined;
    return windowRows.rows[index - windowRows.offset];
  };
  const rendered =
    matches ||
    (windowRows !== undefined &&
      windowRows.offset === first &&
      (result.total === 0 || windowRows.rows.length > 0));
  return { rowAt, rendered };
}

/**
 * Virtualized: only the rows in view are in the DOM and only their list rows are read from
 * the database, so 100,000 customers scroll like 100. Keyboard: ↑/↓ or j/k, Enter opens.
 */
export function CustomerTable({ result, members }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
  const count = slotCount(result);
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
  const { rowAt: rowAtResult, rendered } = useVisibleRows(result, first, last);
  const rowAt = (slot: number) => {
    const index = resultIndexOf(result, slot);
    return index === null ? undefined : rowAtResult(index);
  };
  const ownerName = new Map(members.map((member) => [member.id, member.name]));
  const activeRow = rowAt(activeIndex);

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
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

  return (
    <div role="grid" aria-label="Customers" aria-rowcount={count + 1} className="customer-grid">
      <div role="row" aria-rowindex={1} className="list-head">
        {COLUMNS.map((column) => (
          <span key={column} role="columnheader">
            {column}
          </span>
        ))}
      </div>
      <div
        ref={scrollerRef}
        className="list-scroller"
        tabIndex={0}
        onKeyDown={handleKeyDown}
        aria-activedescendant={activeRow ? `customer-row-${activeRow.customer_id}` : undefined}
        data-results-for={rendered ? result.query.search : undefined}
        data-testid="customer-list"
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) =>
            resultIndexOf(result, item.index) === null ? (
              <div
                key="close-divider"
                role="row"
                aria-rowindex={item.index + 2}
                className="list-divider"
                style={{ top: item.start, height: ROW_HEIGHT }}
              >
                <span role="gridcell">Close matches (one typo away)</span>
              </div>
            ) : (
              <CustomerSlot
                key={rowAt(item.index)?.customer_id ?? `pending-${item.index}`}
                row={rowAt(item.index)}
                slot={item.index}
                top={item.start}
                selected={item.index === activeIndex}
                search={result.query.search}
                ownerName={(id) => ownerName.get(id)}
                onOpen={(id) => navigate(`/customers/${id}`)}
                onActivate={() => setActive(item.index)}
              />
            ),
          )}
        </div>
      </div>
    </div>
  );
}

type SlotProps = {
  row: CustomerListRow | undefined;
  slot: number;
  top: number;
  selected: boolean;
  search: string;
  ownerName: (id: string) => string | undefined;
  onOpen: (id: string) => void;
  onActivate: () => void;
};

function CustomerSlot({
  row,
  slot,
  top,
  selected,
  search,
  ownerName,
  onOpen,
  onActivate,
}: SlotProps) {
  const id = row?.customer_id;
  return (
    <div
      id={id ? `customer-row-${id}` : undefined}
      role="row"
      aria-rowindex={slot + 2}
      aria-selected={selected}
      className="list-row"
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => id && onOpen(id)}
      onMouseDown={onActivate}
    >
      {row ? (
        <CustomerRowCells row={row} search={search} ownerName={ownerName(row.owner_id)} />
      ) : (
        <span role="gridcell" className="cell">
          <span className="skeleton" />
        </span>
      )}
    </div>
  );
}
