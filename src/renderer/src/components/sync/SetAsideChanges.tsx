import { Link } from 'react-router';
import { runAction } from '../../app/run-action';
import type { SetAsideChange } from '../../hooks/sync/use-sync-quarantine';
import { useSetAsideChanges } from '../../hooks/sync/use-sync-quarantine';
import { crm } from '../../services/registry';
import { showError, showToast } from '../../stores/toast-store';

function subject(change: SetAsideChange): string {
  return change.customer ? `${change.what} of ${change.customer.name}` : change.what;
}

async function handleRetry(change: SetAsideChange) {
  const result = await runAction(() => crm().sync.retrySetAside(change.id));
  if (!result) return;
  if (result.status === 'still-invalid')
    showError(
      `Still refused: ${result.problems.map((problem) => problem.reason).join('; ')}. Correct it first, then retry.`,
    );
  else showToast(`${subject(change)}: sent again`);
}

async function handleDiscard(change: SetAsideChange) {
  await runAction(() => crm().sync.discardSetAside(change.id));
  showToast(`${subject(change)}: kept on this computer only`);
}

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
              aria-label={`Retry: ${subject(change)}`}
              onClick={() => void handleRetry(change)}
            >
              Retry
            </button>
            <button
              className="btn btn-small btn-ghost"
              type="button"
              aria-label={`Discard: ${subject(change)}`}
              onClick={() => void handleDiscard(change)}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
