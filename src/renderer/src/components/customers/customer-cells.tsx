import type { ReactNode } from 'react';
import { formatPhoneForDisplay } from '../../domain/phone-display';
import type { ListColumnId } from '../../domain/customers/list-columns';
import {
  formatListDay,
  LIFECYCLE_LABELS,
  LIST_CELL_CLASS,
  LIST_CELL_TITLES,
} from '../../domain/customers/list-cell-format';
import type { CustomerListRow } from '../../domain/records';
import { displayScore, storedLog } from '../../domain/reports/engagement-score';
import type { MatchedContacts } from '../../domain/search/why-matched';

// Formatting a number parses it with libphonenumber's metadata (40-100 µs each: the largest
// part of rendering a page of new rows, measured in bench:search's CPU profile), so each is
// done once, then kept: the least recently shown go first, never the whole cache at once
// (it used to be cleared when full, every few dozen searches).
const displayedPhones = new Map<string, string>();
const DISPLAYED_PHONES_KEPT = 20_000;

function displayPhone(e164: string): string {
  let shown = displayedPhones.get(e164);
  if (shown === undefined) {
    shown = formatPhoneForDisplay(e164);
    if (displayedPhones.size >= DISPLAYED_PHONES_KEPT) {
      const oldest = displayedPhones.keys().next().value;
      if (oldest !== undefined) displayedPhones.delete(oldest);
    }
  } else displayedPhones.delete(e164);
  displayedPhones.set(e164, shown);
  return shown;
}

/**
 * An address or number and, when the customer has more, "+n" after it. The text is clipped
 * on its own so the badge always shows: a long matched address used to push it out of the
 * cell. Plain text when there is no badge (fewer elements per row to render).
 */
function withCount(text: string, count: number): ReactNode {
  if (count <= 1) return text;
  return (
    <span className="cell-with-count">
      <span className="cell-clip">{text}</span>
      <span className="tag tag-after">+{count - 1}</span>
    </span>
  );
}

type CellProps = {
  column: ListColumnId;
  row: CustomerListRow;
  ownerName: string | undefined;
  matched: MatchedContacts;
};

function cellContent({ column, row, ownerName, matched }: CellProps) {
  switch (column) {
    case 'name':
      return row.display_name;
    case 'email':
      return withCount(matched.email ?? row.primary_email ?? '—', row.email_count);
    case 'phone': {
      const phone = matched.phone ?? row.primary_phone;
      return withCount(phone ? displayPhone(phone) : '—', row.phone_count);
    }
    case 'stage':
      // LifecycleBadge's element, written here: one component less per row to render.
      return (
        <span className={`badge badge-${row.lifecycle}`}>{LIFECYCLE_LABELS[row.lifecycle]}</span>
      );
    case 'tags':
      // Keyed by place, as the rows are: a new answer's row rewrites its tags' text in the
      // spans it has, instead of removing them and creating others (tags hold no state).
      return row.tags.map((tag, place) => (
        <span key={place} className="tag">
          {tag}
        </span>
      ));
    case 'owner':
      return ownerName ?? '—';
    case 'last_touch':
      return formatListDay(row.last_touch_at);
    case 'score':
      return displayScore(storedLog(row.engagement_log), Date.now());
  }
}

/** Marks the cell showing a matched non-primary contact, so the row says why it is here. */
function matchedClass({ column, matched }: CellProps): string {
  const hit = (column === 'email' && matched.email) || (column === 'phone' && matched.phone);
  return hit ? ' cell-matched' : '';
}

/**
 * One cell of the customer list; its column class sets its width (app.css, list-columns.ts).
 * A function returning the cell's element, not a component: a row renders eight cells, and a
 * new answer renders every row in view, so a component per cell was a third of the fibers
 * React walked for a keystroke's answer (the DOM is the same). Keyed by its column.
 */
export function customerCell(props: CellProps & { before?: ReactNode }) {
  const hit = matchedClass(props);
  return (
    <span
      key={props.column}
      role="gridcell"
      className={`${LIST_CELL_CLASS[props.column]}${hit} col-${props.column}`}
      title={hit ? `Matched this other ${props.column}` : LIST_CELL_TITLES[props.column]}
    >
      {props.before}
      {cellContent(props)}
    </span>
  );
}
