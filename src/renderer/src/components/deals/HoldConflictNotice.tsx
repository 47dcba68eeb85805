import { Link } from 'react-router';
import { formatDealDate } from '../../domain/deals/deal-display';
import { userLocale } from '../../hooks/settings/user-locale';
import { holdLabel, STATUS_DEFINITIONS, statusLabel } from '../../domain/deals/statuses';
import type { EventDeal } from '../../domain/records';
import { holdsToRelease } from '../../domain/deals/holds';
import { releaseHolds } from './release-offer';

function describe(deal: EventDeal): string {
  return deal.status === 'hold' && deal.hold_level !== null
    ? holdLabel(deal.hold_level)
    : statusLabel(deal.status);
}

/** Other deals on the same night at the same venue; a confirmed deal offers to release them. */
export function HoldConflictNotice({ deal, sameSlot }: { deal: EventDeal; sameSlot: EventDeal[] }) {
  if (!STATUS_DEFINITIONS[deal.status].occupiesDate) return null;
  const competing = sameSlot.filter((other) => STATUS_DEFINITIONS[other.status].occupiesDate);
  if (competing.length === 0) return null;
  const releasable =
    deal.status === 'confirmed' || deal.status === 'contracted'
      ? holdsToRelease(deal, competing)
      : [];
  return (
    <div className="notice notice-warning deal-conflict-notice" role="status">
      <div className="notice-text">
        <strong>Hold conflict.</strong> This deal is {describe(deal)} for {deal.venue} on{' '}
        {formatDealDate(deal.event_date, userLocale())}. Also on that night:{' '}
        {competing.map((other, index) => (
          <span key={other.id}>
            {index > 0 && ', '}
            <Link to={`/deals/${other.id}`}>{other.title}</Link> ({describe(other)})
          </span>
        ))}
        .
      </div>
      {releasable.length > 0 && (
        <button type="button" className="btn" onClick={() => void releaseHolds(deal, releasable)}>
          {releasable.length === 1
            ? 'Release the other hold'
            : `Release ${releasable.length} other holds`}
        </button>
      )}
    </div>
  );
}
