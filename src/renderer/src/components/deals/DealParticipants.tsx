import { run } from '../../app/actions/runner';
import { addParticipant, removeParticipant, updateParticipant } from './deal-actions';
import { useState } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../../domain/deals/deal-draft';
import type { ParticipantRole } from '../../domain/records';
import { PARTICIPANT_ROLES } from '../../domain/records';
import { useCustomerMatches } from '../../hooks/customers/use-customers';
import type { DealParticipantRow } from '../../services/crm/deals/deal-queries';
import { showError } from '../../stores/toast-store';

type Props = { dealId: string; participants: DealParticipantRow[] };

function RoleSelect({
  value,
  label,
  onChange,
}: {
  value: ParticipantRole;
  label: string;
  onChange: (role: ParticipantRole) => void;
}) {
  return (
    <select
      className="select"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as ParticipantRole)}
    >
      {PARTICIPANT_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

function shareValue(text: string): number | null | undefined {
  const value = text.trim().replace(/%$/, '');
  if (value === '') return null;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 && number <= 100 ? number : undefined;
}

export function DealParticipants({ dealId, participants }: Props) {
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<ParticipantRole>('artist');
  const options = useCustomerMatches(search);

  async function handleAdd(customerId: string) {
    const result = await run(addParticipant, { dealId, person: { customer_id: customerId, role } });
    if (result?.ok) setSearch('');
  }

  async function handleShare(id: string, text: string) {
    const share = shareValue(text);
    if (share === undefined) {
      showError('A share is a whole percentage from 0 to 100');
      return;
    }
    await run(updateParticipant, { id, patch: { share_percent: share } });
  }

  return (
    <section className="section" aria-labelledby="deal-people-heading">
      <h2 id="deal-people-heading" className="section-title">
        Participants
      </h2>
      {participants.length > 0 ? (
        <ul className="item-list" aria-label="Participants">
          {participants.map((person) => (
            <li key={person.id} className="item">
              <span className="item-main">
                <Link to={`/customers/${person.customer_id}`}>{person.name}</Link>
              </span>
              <RoleSelect
                value={person.role}
                label={`Role of ${person.name}`}
                onChange={(next) =>
                  void run(updateParticipant, { id: person.id, patch: { role: next } })
                }
              />
              <input
                className="input deal-share-input"
                aria-label={`Share of ${person.name} (%)`}
                placeholder="Share %"
                defaultValue={person.share_percent === null ? '' : String(person.share_percent)}
                onBlur={(event) => {
                  const current = person.share_percent === null ? '' : String(person.share_percent);
                  if (event.target.value.trim() !== current)
                    void handleShare(person.id, event.target.value);
                }}
              />
              <button
                type="button"
                className="btn btn-ghost"
                aria-label={`Remove ${person.name}`}
                onClick={() => void run(removeParticipant, { id: person.id, name: person.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="item-meta">Nobody yet: add the artist, the buyer and the agent.</p>
      )}
      <div className="add-row deal-add-person">
        <div className="deal-person-search">
          <input
            className="input"
            type="search"
            aria-label="Find a customer to add"
            placeholder="Find a customer by name, email or phone"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          {options.length > 0 && (
            <ul className="item-list deal-person-options" aria-label="Matching customers">
              {options.map((option) => (
                <li key={option.id} className="item">
                  <span className="item-main">
                    {option.name}
                    <span className="item-meta"> {option.detail}</span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void handleAdd(option.id)}
                  >
                    Add {option.name} as {ROLE_LABELS[role].toLowerCase()}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <RoleSelect value={role} label="Role for the new participant" onChange={setRole} />
      </div>
    </section>
  );
}
