import { run } from '../../app/actions/runner';
import { discardSetAside, retrySetAside, setAsideSubject } from './sync-actions';
import { Link } from 'react-router';
import { useSetAsideChanges } from '../../hooks/sync/use-sync-quarantine';

/**
 * Settings → Sync: the changes the server refused for their content. Everything else keeps
 * syncing; each one says whose it is and why, and can be retried (after a fix) or discarded.
 */
export function SetAsideChanges() {
  const changes = useSetAsideChanges();
  if (!changes || changes.length === 0) return null;
  return (
    <section className="sync-set-aside" aria-labelledby="sync-set-aside-heading">
      <h3 id="sync-set-aside-heading" className="sync-subtitle">
        Changes set aside ({changes.length.toLocaleString()})
      </h3>
      <p className="field-hint">
        The server refused these changes; everything else keeps syncing. Correct the record, then
        Retry. Discard keeps the change on this computer only.
      </p>
      <ul className="item-list" aria-label="Changes set aside">
        {changes.map((change) => (
          <li key={change.id} className="item sync-set-aside-item">
            <div className="item-main">
              <div>
                {change.customer ? (
                  <Link to={`/customers/${change.customer.id}`}>{change.customer.name}</Link>
                ) : (
                  <span>No customer</span>
                )}
                <span className="item-meta"> · {change.what}</span>
              </div>
              <ul className="sync-problems">
                {change.problems.map((problem, index) => (
                  <li key={index}>{problem.reason}</li>
                ))}
              </ul>
            </div>
            <button
              className="btn btn-small"
              type="button"
              aria-label={`Retry: ${setAsideSubject(change)}`}
              onClick={() => void run(retrySetAside, change)}
            >
              Retry
            </button>
            <button
              className="btn btn-small btn-ghost"
              type="button"
              aria-label={`Discard: ${setAsideSubject(change)}`}
              onClick={() => void run(discardSetAside, change)}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
