import { run } from '../../app/actions/runner';
import { addEmail, makeEmailPrimary, removeEmail } from './customer-actions';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CustomerEmail } from '../../domain/records';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';
import { ContactPointList } from './ContactPointList';

export function EmailsSection({
  customerId,
  emails,
}: {
  customerId: string;
  emails: CustomerEmail[];
}) {
  const navigate = useNavigate();
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateOwner | null>(null);

  async function handleAdd() {
    const result = await run(addEmail, { customerId, address, label });
    if (!result) return;
    if (result.ok) {
      setAddress('');
      setLabel('');
      setError(null);
      setDuplicate(null);
    } else {
      setError(result.error.message);
      setDuplicate(result.error.duplicate ?? null);
    }
  }

  return (
    <ContactPointList
      title="Emails"
      noun="email"
      items={emails.map((email) => ({
        id: email.id,
        primaryText: email.address,
        meta: [email.label, `source: ${email.source}`].filter(Boolean).join(' · '),
        isPrimary: email.is_primary === 1,
      }))}
      onMakePrimary={(id) => void run(makeEmailPrimary, id)}
      onRemove={(id) => void run(removeEmail, id)}
      addForm={
        <form
          className="add-row"
          onSubmit={(event) => {
            event.preventDefault();
            void handleAdd();
          }}
        >
          <div className="field" style={{ flex: 1 }}>
            <input
              className="input"
              type="email"
              aria-label="New email"
              placeholder="Add an email"
              aria-invalid={Boolean(error)}
              value={address}
              onChange={(event) => setAddress(event.target.value)}
            />
            {error && (
              <span className="field-error" role="alert">
                {error}{' '}
                {duplicate && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => navigate(`/customers/${duplicate.customerId}`)}
                  >
                    Open {duplicate.displayName}
                  </button>
                )}
              </span>
            )}
          </div>
          <input
            className="input"
            aria-label="New email label"
            placeholder="Label (work, personal)"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button className="btn" type="submit" disabled={!address.trim()}>
            Add email
          </button>
        </form>
      }
    />
  );
}
