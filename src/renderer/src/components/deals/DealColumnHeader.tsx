import { formatMoney } from '../../domain/deals/money';
import { userLocale } from '../../hooks/settings/user-locale';
import type { ColumnModel } from './board-model';

export function DealColumnHeader({ column }: { column: ColumnModel }) {
  return (
    <header className="deal-column-header">
      <div className="deal-column-title">
        <h2 id={`column-${column.status}`}>{column.label}</h2>
        <span className="deal-column-count" aria-label={`${column.cards.length} deals`}>
          {column.cards.length}
        </span>
      </div>
      {column.totals.map((total) => (
        <div key={total.currency} className="deal-column-total">
          <span title="Total">
            {formatMoney(total.amount, total.currency, { compact: true, locale: userLocale() })}
          </span>
          <span className="deal-column-weighted" title="Weighted by probability">
            ≈ {formatMoney(total.weighted, total.currency, { compact: true, locale: userLocale() })}
          </span>
        </div>
      ))}
    </header>
  );
}
