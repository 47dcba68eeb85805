import { Link } from 'react-router';
import { ROLE_LABELS } from '../../domain/deals/deal-draft';
import { formatMoney } from '../../domain/deals/money';
import { userLocale } from '../../hooks/settings/user-locale';
import { outcomeOf, statusLabel } from '../../domain/deals/statuses';
import { useCustomerDeals } from '../../hooks/deals/use-deals';
import { formatEventDate } from './DealCard';

/** The customer page's Deals tab: every deal the customer takes part in, with their roles. */
export function CustomerDealsTab({ customerId }: { customerId: string }) {
  const rows = useCustomerDeals(customerId);
  if (rows === undefined) return <p className="item-meta">Loading…</p>;
  return (
    <section className="section" aria-labelledby="customer-deals-heading">
      <h2 id="customer-deals-heading" className="section-title">
        Deals
      </h2>
      {rows.length === 0 ? (
        <p className="item-meta">
          Not part of any deal yet. Open a deal on the <Link to="/deals">Deals board</Link> and add
          them as a participant there.
        </p>
      ) : (
        <ul className="item-list" aria-label="Customer deals">
          {rows.map(({ deal, roles }) => (
            <li key={deal.id} className="item">
              <span className="item-main">
                <Link to={`/deals/${deal.id}`}>{deal.title}</Link>
                <span className="item-meta"> · {formatEventDate(deal.event_date)}</span>
              </span>
              <span className="item-meta">{roles.map((role) => ROLE_LABELS[role]).join(', ')}</span>
              <span className={`deal-status deal-status-${outcomeOf(deal.status)}`}>
                {statusLabel(deal.status)}
              </span>
              <span className="deal-card-amount">
                {formatMoney(deal.amount_minor, deal.currency, {
                  compact: true,
                  locale: userLocale(),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
