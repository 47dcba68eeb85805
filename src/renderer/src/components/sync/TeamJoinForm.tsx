import { useState } from 'react';
import type { FormEvent } from 'react';
import { run } from '../../app/actions/runner';
import { joinWithCode } from './team-admin-actions';

/** Join a workspace with an invite code: this computer gets its own member token. */
export function TeamJoinForm({ serverUrl, onJoined }: { serverUrl: string; onJoined(): void }) {
  const [url, setUrl] = useState(serverUrl);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await run(joinWithCode, { serverUrl: url, code, deviceName });
    setBusy(false);
    if (result?.ok) {
      setCode('');
      setError(null);
      onJoined();
    } else if (result) setError(String(result.error));
  }

  return (
    <form
      className="sync-form"
      aria-label="Join a workspace"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h3 className="sync-subtitle">Join a workspace</h3>
      <p className="field-hint">
        An admin of your agency&apos;s workspace gives you a one-time invite code.
      </p>
      <div className="field">
        <label className="field-label" htmlFor="team-join-url">
          Server address
        </label>
        <input
          id="team-join-url"
          className="input"
          type="url"
          required
          placeholder="https://sync.your-agency.com"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="team-join-code">
          Invite code
        </label>
        <input
          id="team-join-code"
          className="input team-code-input"
          required
          placeholder="XXXX-XXXX-XXXX-XXXX"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="team-join-device">
          Name of this computer
        </label>
        <input
          id="team-join-device"
          className="input"
          required
          placeholder="Ben's MacBook"
          value={deviceName}
          onChange={(event) => setDeviceName(event.target.value)}
          autoComplete="off"
        />
        <span className="field-hint">Admins see it in the list of devices.</span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="sync-actions">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          Join workspace
        </button>
      </div>
    </form>
  );
}
