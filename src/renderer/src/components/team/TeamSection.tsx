import { OwnerSelect } from '../ui/OwnerSelect';
import { run } from '../../app/actions/runner';
import {
  addMember,
  removeMember,
  renameMember,
  setCurrentMember,
  setMemberActive,
} from './team-actions';
import { useState } from 'react';
import { useCurrentMemberId, useTeamMembers } from '../../hooks/team/use-team';
import { InlineText } from '../ui/InlineText';

/**
 * Settings > Team: add, rename, deactivate, remove (refused for someone who owns tasks),
 * and "You are": who this laptop's user is, the owner of tasks they add.
 */
export function TeamSection() {
  const members = useTeamMembers();
  const me = useCurrentMemberId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function handleAddMember() {
    const result = await run(addMember, { name, becomeMe: !me && members.length === 0 });
    if (!result) return;
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(result.error);
  }

  return (
    <section className="section" aria-labelledby="team-heading">
      <h2 id="team-heading" className="section-title">
        Team
      </h2>
      <div className="field field-narrow field-spaced">
        <label className="field-label" htmlFor="current-member">
          You are
        </label>
        <OwnerSelect
          id="current-member"
          members={members.filter((member) => member.active === 1 || member.id === me)}
          noneLabel="Not set"
          value={me}
          onChoose={(memberId) => void run(setCurrentMember, memberId)}
        />
        <span className="field-hint">Tasks you add are owned by you.</span>
      </div>
      {members.length > 0 && (
        <ul className="item-list item-list-spaced" aria-label="Team members">
          {members.map((member) => (
            <li key={member.id} className={`item ${member.active === 1 ? '' : 'team-inactive'}`}>
              <span className="item-main">
                <InlineText
                  label={`Name of ${member.name}`}
                  value={member.name}
                  onSave={async (next) => {
                    const result = await run(renameMember, { id: member.id, name: next });
                    if (!result) return 'Not saved';
                    return result.ok ? null : result.error;
                  }}
                />
              </span>
              {member.id === me && <span className="pill">You</span>}
              {member.active === 0 && <span className="pill">Inactive</span>}
              <span className="item-meta">{member.email}</span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() =>
                  void run(setMemberActive, { id: member.id, active: member.active === 0 })
                }
              >
                {member.active === 1 ? 'Deactivate' : 'Reactivate'}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Remove ${member.name}`}
                onClick={() =>
                  void run(removeMember, {
                    id: member.id,
                    name: member.name,
                    isMe: member.id === me,
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="add-row"
        onSubmit={(event) => {
          event.preventDefault();
          void handleAddMember();
        }}
      >
        <div className="field">
          <input
            className="input"
            aria-label="Team member name"
            placeholder="Name"
            value={name}
            aria-invalid={Boolean(error)}
            onChange={(event) => setName(event.target.value)}
          />
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        <button className="btn" type="submit" disabled={!name.trim()}>
          Add team member
        </button>
      </form>
    </section>
  );
}
