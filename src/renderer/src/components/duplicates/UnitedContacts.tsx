import type { CustomerEmail, CustomerPhone } from '../../domain/records';

type Contact = { id: string; text: string; primary: boolean };

/**
 * The emails (or phones) the survivor will have, united, with a radio for the one primary.
 * Repeats of what the survivor keeps are not listed: they are kept as one.
 */
export function UnitedContacts({
  title,
  contacts,
  onPrimary,
}: {
  title: string;
  contacts: Contact[];
  onPrimary(id: string): void;
}) {
  return (
    <fieldset className="fieldset-plain merge-contacts">
      <legend className="section-title">
        {title} ({contacts.length})
      </legend>
      {contacts.length === 0 ? (
        <p className="field-hint">None</p>
      ) : (
        <ul className="plain-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <label className="merge-choice">
                <input
                  type="radio"
                  name={`primary-${title}`}
                  checked={contact.primary}
                  onChange={() => onPrimary(contact.id)}
                  aria-label={`Primary: ${contact.text}`}
                />
                <span>{contact.text}</span>
                {contact.primary && <span className="pill">primary</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** The live rows after the plan, for one customer: what UnitedContacts lists. */
export function contactsAfter<T extends CustomerEmail | CustomerPhone>(
  rows: T[],
  text: (row: T) => string,
): Contact[] {
  return rows
    .filter((row) => row.deleted === 0)
    .map((row) => ({ id: row.id, text: text(row), primary: row.is_primary === 1 }));
}
