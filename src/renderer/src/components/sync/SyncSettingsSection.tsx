import { run } from '../../app/actions/runner';
import { saveSyncSettings, syncNow } from './sync-actions';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { syncSummary, useSyncSettings, useSyncStatus } from '../../hooks/sync/use-sync-status';
import { SYNC_ADDRESS_RULE, checkSyncAddress } from '../../sync/sync-address';
import type { SyncSettings } from '../../sync/sync-adapter';
import { actionIn } from '../../sync/fix-action';
import { ResolvedOnSync } from './ResolvedOnSync';
import { SetAsideChanges } from './SetAsideChanges';

function formatTime(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The form, keyed by the saved settings so it starts from them. */
function SyncForm({ saved }: { saved: SyncSettings }) {
  const [enabled, setEnabled] = useState(saved.enabled);
  const [serverUrl, setServerUrl] = useState(saved.serverUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [checkAddress, setCheckAddress] = useState(false);
  const addressInput = useRef<HTMLInputElement>(null);
  const verdict = serverUrl.trim() ? checkSyncAddress(serverUrl) : null;
  const addressError = checkAddress && verdict && !verdict.ok ? verdict.reason : null;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (verdict && !verdict.ok) {
      setCheckAddress(true);
      addressInput.current?.focus();
      return;
    }
    setBusy(true);
    // An empty token field keeps the saved token.
    const result = await run(saveSyncSettings, {
      settings: { enabled, serverUrl },
      token: token.trim() ? token : undefined,
    });
    setBusy(false);
    if (result?.ok) setToken('');
  }

  async function handleForgetToken() {
    const result = await run(saveSyncSettings, {
      settings: { enabled: false, serverUrl },
      token: null,
    });
    if (result?.ok) setEnabled(false);
  }

  return (
    <form className="sync-form" onSubmit={(event) => void handleSubmit(event)}>
      <label className="sync-toggle">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        Sync this computer with a server
      </label>
      <div className="field">
        <label className="field-label" htmlFor="sync-server-url">
          Server address
        </label>
        <input
          ref={addressInput}
          id="sync-server-url"
          className="input"
          type="url"
          placeholder="https://sync.your-agency.com"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          onBlur={() => setCheckAddress(true)}
          aria-invalid={addressError ? true : undefined}
          aria-describedby={`sync-server-url-hint${addressError ? ' sync-server-url-error' : ''}`}
          autoComplete="off"
          spellCheck={false}
        />
        <span className="field-hint" id="sync-server-url-hint">
          {SYNC_ADDRESS_RULE}
        </span>
        {addressError && (
          <span className="field-error" id="sync-server-url-error" role="alert">
            {addressError}
          </span>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="sync-token">
          Access token
        </label>
        <input
          id="sync-token"
          className="input"
          type="password"
          placeholder="Leave empty to keep the saved token"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <span className="field-hint">
          From your workspace admin. On the desktop it is encrypted by your operating system; in the
          web preview it stays in this browser&apos;s storage, unencrypted.
        </span>
      </div>
      <div className="sync-actions">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          Save
        </button>
        <button
          className="btn"
          type="button"
          disabled={busy || !saved.enabled}
          onClick={() => void run(syncNow)}
        >
          Sync now
        </button>
        <button className="btn" type="button" onClick={() => void handleForgetToken()}>
          Forget token
        </button>
      </div>
    </form>
  );
}

/** Settings → Sync: where to sync, the token, and what sync is doing right now. */
export function SyncSettingsSection() {
  const saved = useSyncSettings();
  const status = useSyncStatus();
  const progress = status.progress;
  return (
    <section className="section" id="sync" aria-labelledby="sync-heading">
      <h2 id="sync-heading" className="section-title">
        Sync
      </h2>
      <p className="field-hint">
        Optional. Everything keeps working offline; with sync on, your team&apos;s laptops share one
        CRM through your agency&apos;s sync server.
      </p>
      {saved && <SyncForm key={`${saved.enabled}|${saved.serverUrl}`} saved={saved} />}
      <dl className="sync-facts" aria-label="Sync details">
        <dt>Status</dt>
        <dd>
          {/* Not a live region: the sidebar's status is the one that announces it (on every
              page); two live regions read every change twice. */}
          <span data-testid="sync-settings-status">{syncSummary(status)}</span>
        </dd>
        <dt>Last synced</dt>
        <dd>{formatTime(status.lastSyncedAt)}</dd>
        <dt>Waiting to send</dt>
        <dd>{status.pending.toLocaleString()}</dd>
      </dl>
      {progress && progress.total !== null && (
        <progress
          className="sync-progress"
          aria-label="First sync progress"
          max={progress.total}
          value={progress.done}
        />
      )}
      {status.error && (
        <div
          className={`notice ${status.phase === 'offline' ? 'notice-warning' : 'notice-danger'} sync-notice`}
          role="alert"
        >
          <div>
            <strong>{status.error.message}</strong>
            <div>{actionIn(status.error, 'sync')}</div>
            {status.nextRetryAt !== null && (
              <div className="sync-retry">
                Next try at {new Date(status.nextRetryAt).toLocaleTimeString()}.
              </div>
            )}
          </div>
        </div>
      )}
      <SetAsideChanges />
      <ResolvedOnSync />
      {status.skewWarning && (
        <div className="notice notice-warning sync-notice" role="note">
          {status.skewWarning} Edits are ordered by time: set the clock to automatic.
        </div>
      )}
    </section>
  );
}
