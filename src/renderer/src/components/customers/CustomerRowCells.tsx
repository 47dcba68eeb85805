import { memo } from 'react';
import { formatPhoneForDisplay } from '../../domain/contact-points';
import { displayScore, storedLog } from '../../domain/reports/engagement-score';
import type { CustomerListRow } from '../../domain/records';
import { matchedContacts } from '../../domain/search/why-matched';
import { LifecycleBadge } from './LifecycleBadge';

function formatDay(iso: string): string {
  return iso
    ? new Date(iso).toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })
    : '—';
}

type Props = { row: CustomerListRow; search: string; ownerName: string | undefined };

/**
 * One customer's cells. When the search matched only another email or phone of the customer,
 * that one is shown in place of the primary (marked as the match), so the row says why it
 * is here; "+N" counts the others either way. Memoized: a keystroke re-renders the list with
 * its previous answer until the new one arrives, and those rows have not changed.
 */
export const CustomerRowCells = memo(function CustomerRowCells({ row, search, ownerName }: Props) {
  const matched = matchedContacts(row, search);
  const email = matched.email ?? row.primary_email;
  const phone = matched.phone ?? row.primary_phone;
  return (
    <>
      <span role="gridcell" className="cell cell-name">
        {row.display_name}
      </span>
      <span
        role="gridcell"
        className={matched.email ? 'cell cell-matched' : 'cell cell-muted'}
        title={matched.email ? 'Matched this other email' : undefined}
      >
        {email ?? '—'}
        {row.email_count > 1 && <span className="tag tag-after">+{row.email_count - 1}</span>}
      </span>
      <span
        role="gridcell"
        className={matched.phone ? 'cell cell-mono cell-matched' : 'cell cell-mono'}
        title={matched.phone ? 'Matched this other phone' : undefined}
      >
        {phone ? formatPhoneForDisplay(phone) : '—'}
        {row.phone_count > 1 && <span className="tag tag-after">+{row.phone_count - 1}</span>}
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
        {ownerName ?? '—'}
      </span>
      <span role="gridcell" className="cell cell-muted">
        {formatDay(row.last_touch_at)}
      </span>
      <span role="gridcell" className="cell cell-number" title="Engagement score, 0–100">
        {displayScore(storedLog(row.engagement_log), Date.now())}
      </span>
    </>
  );
});
