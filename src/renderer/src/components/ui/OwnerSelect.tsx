import type { SelectHTMLAttributes } from 'react';
import type { TeamMember } from '../../domain/records';

/** "Any owner" in a filter: distinct from "" (no owner). */
const ANY = '*';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value'> & {
  members: readonly TeamMember[];
  /** A member id, or null: no owner (filters: any owner). Leave out for a form field. */
  value?: string | null;
  /** Called with the member chosen, or null. */
  onChoose?(memberId: string | null): void;
  /** A filter offers "Any owner" (null) beside "No owner" (""). */
  filter?: boolean;
  /** The words of the empty choice: "No owner", "Not set", "Anyone". */
  noneLabel?: string;
  /** Says "(inactive)" after members no longer active. */
  markInactive?: boolean;
};

/**
 * The one picker of a team member (owner, assignee, "you are"). Works as a controlled select
 * (value + onChoose) and inside react-hook-form (spread `register(...)`, which brings its own
 * onChange and ref).
 */
export function OwnerSelect({
  members,
  value,
  onChoose,
  filter = false,
  noneLabel = 'No owner',
  markInactive = false,
  className = 'select',
  onChange,
  ...select
}: Props) {
  const shown =
    value === undefined ? {} : { value: value === null && filter ? ANY : (value ?? '') };
  return (
    <select
      className={className}
      {...select}
      {...shown}
      onChange={(event) => {
        onChange?.(event);
        const chosen = event.target.value;
        onChoose?.(filter && chosen === ANY ? null : filter ? chosen : chosen || null);
      }}
    >
      {filter && <option value={ANY}>Any owner</option>}
      <option value="">{noneLabel}</option>
      {members.map((member) => (
        <option key={member.id} value={member.id}>
          {member.name}
          {markInactive && member.active === 0 ? ' (inactive)' : ''}
        </option>
      ))}
    </select>
  );
}
