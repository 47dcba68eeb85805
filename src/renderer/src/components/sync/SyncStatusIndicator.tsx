import { Link } from 'react-router';
import { syncSummary, useSyncStatus } from '../../hooks/sync/use-sync-status';

/**
 * Sidebar footer: one calm line; details and fixes live in Settings → Sync. Its text is the
 * app's one live region for the sync status (Settings → Sync shows the same words silently).
 * The live region is inside the link, so the link stays a link to a screen reader.
 */
export function SyncStatusIndicator() {
  const status = useSyncStatus();
  const summary = syncSummary(status);
  const title = status.error ? `${status.error.message} ${status.error.action}` : summary;
  return (
    <Link
      to="/settings#sync"
      className={`sync-indicator sync-${status.phase}${status.setAside > 0 ? ' sync-attention' : ''}`}
      aria-label={`Sync status: ${summary}`}
      title={title}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text" role="status" aria-label={`Sync status: ${summary}`}>
        {summary}
      </span>
    </Link>
  );
}
