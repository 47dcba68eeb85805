import { useState } from 'react';
import type { FormEvent } from 'react';
import { run } from '../../app/actions/runner';
import type { InviteResponse, TeamRole } from '../../../../shared/team/team-protocol';
import { createInvite } from './team-admin-actions';

function formatExpiry(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What each role may do, as the server enforces it (server/src/team.ts: adminOnly). */
const ROLE_HINTS: Record<TeamRole, string> = {
  member: 'Syncs the workspace’s customers, deals and tasks.',
  admin: 'Also invites people and revokes devices, as you can.',
};

/**
 * An admin invites someone, as a member or as another admin: a one-time code to give them,
 * shown once, with Copy. The server decides what the role allows.
 */
export function TeamInviteForm() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<TeamRole>('member');
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await run(createInvite, { memberName: name, role });
    if (result?.ok) {
      setInvite(result.value);
      setName('');
      setRole('member');
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
        <input
          id="team-invite-name"
          className="input"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoComplete="off"
        />
      </div>
      <fieldset
        className="fieldset-plain field team-invite-role"
        aria-describedby="team-invite-role-hint"
      >
        <legend className="field-label">Role</legend>
        <div className="checkbox-row">
          {(['member', 'admin'] as const).map((choice) => (
            <label key={choice} className="checkbox">
              <input
                type="radio"
                name="team-invite-role"
                value={choice}
                checked={role === choice}
                onChange={() => setRole(choice)}
              />
              {choice === 'admin' ? 'Admin' : 'Member'}
            </label>
          ))}
        </div>
        <span className="field-hint" id="team-invite-role-hint">
          {ROLE_HINTS[role]}
        </span>
      </fieldset>
      <div className="sync-actions">
        <button className="btn btn-primary" type="submit">
          Create invite
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="notice team-invite" role="status">
          <div>
            Invite code for {`${invite.member_name} (${invite.role})`}:{' '}
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
