import { useVirtualizer } from '@tanstack/react-virtual';
import { displayScore, storedLog } from '../../domain/reports/engagement-score';
import type { KeyboardEvent } from 'react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { formatPhoneForDisplay } from '../../domain/contact-points';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { useListWindow } from '../../hooks/customers/use-customers';
import type { CustomerListResult } from '../../services/crm/customers/customer-list-query';
import { LifecycleBadge } from './LifecycleBadge';

const ROW_HEIGHT = 36;
const COLUMNS = ['Name', 'Email', 'Phone', 'Stage', 'Tags', 'Owner', 'Last touch', 'Score'];

type Props = { result: CustomerListResult; members: TeamMember[] };

function formatDay(iso: string): string {
  return iso
    ? new Date(iso).toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })
    : '—';
}

/**
 * Virtualized: only the rows in view are in the DOM and only their list rows are read from
 * the database, so 100,000 customers scroll like 100. Keyboard: ↑/↓ or j/k, Enter opens.
 */
export function CustomerTable({ result, members }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
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
          {items.map((item) => {
            const row = rowAt(item.index);
            const id = row?.customer_id;
            return (
              <div
                key={id ?? `pending-${item.index}`}
                id={id ? `customer-row-${id}` : undefined}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === activeIndex}
                className="list-row"
                style={{ top: item.start, height: ROW_HEIGHT }}
                onClick={() => id && navigate(`/customers/${id}`)}
                onMouseDown={() => setActive(item.index)}
              >
                {row ? (
                  <>
                    <span role="gridcell" className="cell cell-name">
                      {row.display_name}
                    </span>
                    <span role="gridcell" className="cell cell-muted">
                      {row.primary_email ?? '—'}
                      {row.email_count > 1 && (
                        <span className="tag tag-after">+{row.email_count - 1}</span>
                      )}
                    </span>
                    <span role="gridcell" className="cell cell-mono">
                      {row.primary_phone ? formatPhoneForDisplay(row.primary_phone) : '—'}
                    </span>
                    <span role="gridcell" className="cell">
                      <LifecycleBadge lifecycle={row.lifecycle} />
                    </span>
                    <span role="gridcell" className="cell">
                      {row.tags.map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                    </span>
                    <span role="gridcell" className="cell cell-muted">
                      {ownerName.get(row.owner_id) ?? '—'}
                    </span>
                    <span role="gridcell" className="cell cell-muted">
                      {formatDay(row.last_touch_at)}
                    </span>
                    <span
                      role="gridcell"
                      className="cell cell-number"
                      title="Engagement score, 0–100"
                    >
                      {displayScore(storedLog(row.engagement_log), Date.now())}
                    </span>
                  </>
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
