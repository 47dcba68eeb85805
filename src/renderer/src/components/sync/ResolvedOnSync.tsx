import { Link } from 'react-router';
import { useResolvedConflicts } from '../../hooks/sync/use-resolved-conflicts';

/** How many are shown; the rest are counted. */
const SHOWN = 20;

/**
 * Settings → Sync: conflicts between laptops that the sync resolved by rule (the same rule on
 * every laptop), so nothing changes silently: what happened, which rule, when.
 */
export function ResolvedOnSync() {
  const items = useResolvedConflicts();
  if (!items || items.length === 0) return null;
  const hidden = items.length - SHOWN;
  return (
    <section className="sync-set-aside" aria-labelledby="sync-resolved-heading">
      <h3 id="sync-resolved-heading" className="sync-subtitle">
        Resolved on sync ({items.length.toLocaleString()})
      </h3>
      <p className="field-hint">
        Changes made on different computers clashed; sync settled them by the same rule on every
        computer. Change the record if the result is not what you want.
      </p>
      <ul className="item-list" aria-label="Resolved on sync">
        {items.slice(0, SHOWN).map((item) => (
          <li key={item.key} className="item sync-set-aside-item">
            <div className="item-main">
              <div>
                <strong>{item.rule}</strong>
                <span className="item-meta">
                  {' · '}
                  {new Date(item.resolvedAt).toLocaleString(undefined, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </span>
              </div>
              <div className="sync-problems">{item.what}</div>
              {item.customer && (
                <Link to={`/customers/${item.customer.id}`}>Open {item.customer.name}</Link>
              )}
            </div>
          </li>
        ))}
      </ul>
      {hidden > 0 && <p className="field-hint">And {hidden.toLocaleString()} earlier.</p>}
    </section>
  );
}
