import type { ChoosableField, CustomerBundle } from '../../domain/duplicates/merge-types';
import { CHOOSABLE_FIELDS } from '../../domain/duplicates/merge-types';
import { displayName } from '../../domain/display-name';
import type { TeamMember } from '../../domain/records';

const LABELS: Record<ChoosableField, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  date_of_birth: 'Date of birth',
  lifecycle: 'Stage',
  owner_id: 'Owner',
};

function shown(bundle: CustomerBundle, field: ChoosableField, members: TeamMember[]): string {
  const value = bundle.profile[field];
  if (field === 'owner_id')
    return value ? (members.find((m) => m.id === value)?.name ?? 'Unknown member') : '—';
  return value ? String(value) : '—';
}

/** Side by side: one column per customer, one radio group per field (arrow keys move within). */
export function FieldChoices({
  bundles,
  chosen,
  members,
  onChoose,
}: {
  bundles: CustomerBundle[];
  chosen: Record<ChoosableField, string>;
  members: TeamMember[];
  onChoose(field: ChoosableField, customerId: string): void;
}) {
  return (
    <table className="merge-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          {bundles.map((bundle, index) => (
            <th scope="col" key={bundle.profile.id}>
              {displayName(bundle.profile, bundle.emails[0]?.address)}
              <span className="cell-muted"> · customer {index + 1}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {CHOOSABLE_FIELDS.map((field) => (
          <tr key={field} role="radiogroup" aria-label={LABELS[field]}>
            <th scope="row">{LABELS[field]}</th>
            {bundles.map((bundle, index) => {
              const value = shown(bundle, field, members);
              return (
                <td key={bundle.profile.id}>
                  <label className="merge-choice">
                    <input
                      type="radio"
                      name={`field-${field}`}
                      checked={chosen[field] === bundle.profile.id}
                      onChange={() => onChoose(field, bundle.profile.id)}
                      aria-label={`${LABELS[field]}: ${value} (customer ${index + 1})`}
                    />
                    <span>{value}</span>
                  </label>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
