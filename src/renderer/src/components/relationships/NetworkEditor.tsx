import { run } from '../../app/actions/runner';
import { linkCustomers, unlinkCustomers } from './relationship-actions';
import { useState } from 'react';
import { Link } from 'react-router';
import { roleFromKey, roleKey, ROLE_OPTIONS } from '../../domain/relationships/catalogue';
import { useNetwork } from '../../hooks/relationships/use-network';
import { CustomerPicker } from './CustomerPicker';

type Props = {
  customerId: string;
  customerName: string;
  /** Where a person in the network leads: their network, or their customer page. */
  linkTo: (customerId: string) => string;
};

/** A customer's relationships grouped by the label seen from their side, with link and unlink. */
export function NetworkEditor({ customerId, customerName, linkTo }: Props) {
  const network = useNetwork(customerId);
  const [role, setRole] = useState(
    roleKey(ROLE_OPTIONS[0] ?? { type: 'manages', direction: 'forward' }),
  );

  async function handleLink(other: { id: string; name: string }) {
    const option = roleFromKey(role);
    if (!option) return;
    await run(linkCustomers, {
      subject: { id: customerId, name: customerName },
      role: option,
      object: other,
    });
  }

  async function handleUnlink(id: string, description: string) {
    await run(unlinkCustomers, { id, description });
  }

  return (
    <section className="section" aria-labelledby={`network-${customerId}`}>
      <h2 id={`network-${customerId}`} className="section-title">
        Relationships
      </h2>
      <div className="add-row network-add" role="group" aria-label="Add a relationship">
        <span className="network-subject">{customerName}</span>
        <select
          className="select"
          aria-label="Relationship"
          value={role}
          onChange={(event) => setRole(event.target.value)}
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={roleKey(option)} value={roleKey(option)}>
              {option.label}
            </option>
          ))}
        </select>
        <CustomerPicker
          label="Related customer"
          placeholder="Who? Search customers"
          exclude={[customerId]}
          onPick={(other) => void handleLink(other)}
        />
      </div>
      {network === undefined ? (
        <p className="field-hint" aria-busy="true">
          Loading…
        </p>
      ) : network.length === 0 ? (
        <p className="field-hint">No relationships yet.</p>
      ) : (
        network.map((group) => (
          <div key={group.key} className="network-group">
            <h3 className="network-label" id={`rel-${customerId}-${group.key}`}>
              {group.label}
            </h3>
            <ul className="item-list" aria-labelledby={`rel-${customerId}-${group.key}`}>
              {group.items.map((item) => (
                <li key={item.id} className="item">
                  <span className="item-main">
                    <Link to={linkTo(item.otherId)}>{item.otherName}</Link>
                  </span>
                  {item.note && <span className="item-meta">{item.note}</span>}
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    aria-label={`Unlink ${item.otherName} (${group.label})`}
                    onClick={() =>
                      void handleUnlink(item.id, `${customerName} ${group.label} ${item.otherName}`)
                    }
                  >
                    Unlink
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
