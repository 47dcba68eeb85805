import { run } from '../../app/actions/runner';
import { deleteDeal, moveDeal } from '../../components/deals/deal-actions';
import { Link, useParams } from 'react-router';
import { DealHistory } from '../../components/deals/DealHistory';
import { DealParticipants } from '../../components/deals/DealParticipants';
import { DealProperties } from '../../components/deals/DealProperties';
import { HoldConflictNotice } from '../../components/deals/HoldConflictNotice';
import { offerToReleaseHolds } from '../../components/deals/release-offer';
import { TaskListForTarget } from '../../components/tasks/TaskListForTarget';
import { formatMoney } from '../../domain/deals/money';
import { formatDealDate } from '../../domain/deals/deal-display';
import { userLocale } from '../../hooks/settings/user-locale';
import type { DealStatus } from '../../domain/deals/statuses';
import { holdLabel, outcomeOf, statusLabel, TRANSITIONS } from '../../domain/deals/statuses';
import { useTeamMembers } from '../../hooks/team/use-team';
import { useDeal } from '../../hooks/deals/use-deals';

export function DealDetailPage() {
  const { dealId = '' } = useParams();
  const detail = useDeal(dealId);
  const members = useTeamMembers();

  if (detail === undefined)
    return (
      <div className="empty" aria-busy="true">
        Loading…
      </div>
    );
  if (detail === null)
    return (
      <div className="empty">
        <h2>This deal is not here</h2>
        <p>It was deleted, or the link is out of date.</p>
        <Link className="btn" to="/deals">
          Back to deals
        </Link>
      </div>
    );
  const { deal } = detail;

  async function handleMove(to: DealStatus) {
    const result = await run(moveDeal, { deal, to });
    if (result?.ok) offerToReleaseHolds(deal, result.value.releasable);
  }

  async function handleDelete() {
    await run(deleteDeal, deal);
  }

  return (
    <>
      <header className="page-header">
        <Link to="/deals" className="btn btn-ghost" aria-label="Back to deals">
          ←
        </Link>
        <div>
          <h1 className="page-title">{deal.title}</h1>
          <span className="page-subtitle">
            <span className={`deal-status deal-status-${outcomeOf(deal.status)}`}>
              {statusLabel(deal.status)}
              {deal.status === 'hold' && deal.hold_level ? ` · ${holdLabel(deal.hold_level)}` : ''}
            </span>{' '}
            {formatMoney(deal.amount_minor, deal.currency, { locale: userLocale() })} ·{' '}
            {formatDealDate(deal.event_date, userLocale())} · {deal.venue || 'no venue'}
          </span>
        </div>
        <div className="page-actions">
          <button className="btn btn-danger" onClick={() => void handleDelete()}>
            Delete deal
          </button>
        </div>
      </header>
      <div className="page-body deal-detail">
        <HoldConflictNotice deal={deal} sameSlot={detail.sameSlot} />
        <div className="deal-moves" role="group" aria-label="Move deal">
          <span className="prop-label">Move to</span>
          {TRANSITIONS[deal.status].length === 0 ? (
            <span className="item-meta">{statusLabel(deal.status)} is final.</span>
          ) : (
            TRANSITIONS[deal.status].map((to) => (
              <button
                key={to}
                type="button"
                className="btn btn-small"
                onClick={() => void handleMove(to)}
              >
                {statusLabel(to)}
              </button>
            ))
          )}
        </div>
        <div className="deal-detail-grid">
          <div>
            <DealProperties deal={deal} members={members} />
            <DealParticipants dealId={deal.id} participants={detail.participants} />
          </div>
          <div>
            <TaskListForTarget dealId={deal.id} />
            <DealHistory history={detail.history} members={members} />
          </div>
        </div>
      </div>
    </>
  );
}
