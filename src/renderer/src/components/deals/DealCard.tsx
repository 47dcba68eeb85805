import { memo } from 'react';
import { formatDealDate } from '../../domain/deals/deal-display';
import { formatMoney } from '../../domain/deals/money';
import { userLocale } from '../../hooks/settings/user-locale';
import { holdLabel, statusLabel } from '../../domain/deals/statuses';
import type { DealCardModel } from './board-model';
import { sameCard } from './board-model';

/** The event date as the board, the deal page and the Deals tab all write it. */
export function formatEventDate(date: string | null): string {
  return formatDealDate(date, userLocale());
}

/** What a card shows; shared by the drag-and-drop board and the plain (benchmark) render. */
export const DealCardBody = memo(
  function DealCardBody({ card }: { card: DealCardModel }) {
    const { deal } = card;
    return (
      <>
        <div className="deal-card-top">
          <span className="deal-card-title">{deal.title}</span>
          {/* The card's name is its text: the stage is said, not only shown by the column. */}
          <span className="visually-hidden">, {statusLabel(deal.status)}</span>
          {deal.status === 'hold' && deal.hold_level !== null && (
            <span className="deal-hold-level" title={holdLabel(deal.hold_level)}>
              H{deal.hold_level}
            </span>
          )}
        </div>
        <div className="deal-card-meta">
          <span>{formatEventDate(deal.event_date)}</span>
          <span className="deal-card-amount">
            {formatMoney(deal.amount_minor, deal.currency, { compact: true, locale: userLocale() })}
          </span>
        </div>
        {card.people && <div className="deal-card-people">{card.people}</div>}
        <div className="deal-card-foot">
          <span className={card.stale ? 'deal-idle deal-idle-stale' : 'deal-idle'}>
            {card.idleDays === 0 ? 'Active today' : `${card.idleDays}d idle`}
            {card.stale ? ' · stale' : ''}
          </span>
          {card.openTasks > 0 && (
            <span className="deal-tasks">
              {card.openTasks} open {card.openTasks === 1 ? 'task' : 'tasks'}
            </span>
          )}
        </div>
        {card.conflicts.length > 0 && (
          <div className="deal-conflict">
            Same night:{' '}
            {card.conflicts
              .map((other) =>
                other.status === 'hold' && other.hold_level !== null
                  ? `${other.title} (H${other.hold_level})`
                  : `${other.title} (${statusLabel(other.status)})`,
              )
              .join(', ')}
          </div>
        )}
      </>
    );
  },
  (prev, next) => sameCard(prev.card, next.card),
);
