import { useState } from 'react';
import type { FormEvent } from 'react';
import { run } from '../../app/actions/runner';
import type { InviteResponse } from '../../../../shared/team/team-protocol';
import { createInvite } from './team-admin-actions';

function formatExpiry(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An admin invites someone: a one-time code to give them, shown once, with Copy. */
export function TeamInviteForm() {
  const [name, setName] = useState('');
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await run(createInvite, { memberName: name });
    if (result?.ok) {
      setInvite(result.value);
      setName('');
      setError(null);
      setCopied(false);
    } else if (result) setError(String(result.error));
  }

  async function copy(code: string) {
    await navigator.clipboard.writeText(code);
    setCopied(true);
  }

  return (
    <form
      className="sync-form"
      aria-label="Invite someone"
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h3 className="sync-subtitle">Invite someone</h3>
      <div className="field">
        <label className="field-label" htmlFor="team-invite-name">
          Their name
        </label>
        <div className="team-invite-row">
          <input
            id="team-invite-name"
            className="input"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
          />
          <button className="btn btn-primary" type="submit">
            Create invite
          </button>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="notice team-invite" role="status">
          <div>
            Invite code for {invite.member_name}:{' '}
            <code className="team-code" aria-label="Invite code">
              {invite.code}
            </code>
            <div className="field-hint">
              Works once, until {formatExpiry(invite.expires_at)}. They enter it with the server
              address in Settings → Team access.
            </div>
          </div>
          <button className="btn btn-small" type="button" onClick={() => void copy(invite.code)}>
            {copied ? 'Copied' : 'Copy code'}
          </button>
        </div>
      )}
    </form>
  );
}
