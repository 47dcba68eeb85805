import { useState } from 'react';
import type { FormEvent } from 'react';
import { run } from '../../app/actions/runner';
import { Field } from '../ui/Field';
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
      <Field label="Server address">
        {(field) => (
          <input
            {...field}
            className="input"
            type="url"
            required
            placeholder="https://sync.your-agency.com"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Invite code">
        {(field) => (
          <input
            {...field}
            className="input team-code-input"
            required
            placeholder="XXXX-XXXX-XXXX-XXXX"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Name of this computer" hint="Admins see it in the list of devices.">
        {(field) => (
          <input
            {...field}
            className="input"
            required
            placeholder="Ben's MacBook"
            value={deviceName}
            onChange={(event) => setDeviceName(event.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
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
