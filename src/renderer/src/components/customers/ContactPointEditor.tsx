import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { CONTACT_KINDS, contactText, type ContactKind } from '../../domain/contact-kinds';
import { CONTACT_SOURCES } from '../../domain/records';
import type { ContactSource, CustomerEmail, CustomerPhone, PhoneType } from '../../domain/records';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';
import { Field } from '../ui/Field';
import { OpenDuplicateButton } from './OpenDuplicateButton';
import { PhoneTypeSelect } from './PhoneTypeSelect';
import { editContactPoint } from './customer-actions';
import { CUSTOMER_ORIGIN_LABELS } from '../../domain/customer-origin';

type Props = {
  kind: ContactKind;
  row: CustomerEmail | CustomerPhone;
  defaultRegion: string;
  onClose: () => void;
};

/**
 * One email or phone edited in place: its value, label (a phone's type too), source and
 * whether it is the primary one. Enter saves, Escape cancels; a refusal shows under the value
 * with everything typed kept, and the toast after a save offers Undo.
 */
export function ContactPointEditor({ kind, row, defaultRegion, onClose }: Props) {
  const descriptor = CONTACT_KINDS[kind];
  const shown = contactText(row);
  const [input, setInput] = useState(shown);
  const [label, setLabel] = useState(row.label);
  const [type, setType] = useState<PhoneType>('type' in row ? row.type : 'mobile');
  const [source, setSource] = useState<ContactSource>(row.source);
  const [primary, setPrimary] = useState(row.is_primary === 1);
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateOwner | null>(null);

  async function save() {
    const unchanged =
      input === shown &&
      label === row.label &&
      source === row.source &&
      primary === (row.is_primary === 1) &&
      (!('type' in row) || type === row.type);
    // Nothing to write (as an in-place field left as it was): no toast, no Undo.
    if (unchanged) return onClose();
    const edit = { input, label, type, source, primary, region: defaultRegion };
    const result = await run(editContactPoint, { kind, id: row.id, before: shown, edit });
    if (!result) return;
    if (result.ok) onClose();
    else {
      setError(result.error.message);
      setDuplicate(result.error.duplicate ?? null);
    }
  }

  const { noun } = descriptor;
  const title = noun[0]!.toUpperCase() + noun.slice(1);
  return (
    <form
      className="contact-edit"
      // The app checks the address and says why under the field, as the add form does.
      noValidate
      aria-label={`Edit ${shown}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="contact-edit-fields">
        <div className="field-grow contact-edit-value">
          <Field label={title} error={error ?? undefined}>
            {(a11y) => (
              <input
                {...a11y}
                className="input"
                type={descriptor.inputType}
                autoFocus
                value={input}
                onChange={(event) => setInput(event.target.value)}
              />
            )}
          </Field>
          {duplicate && (
            <OpenDuplicateButton owner={duplicate} className="btn btn-small field-spaced-small" />
          )}
        </div>
        {'type' in row && (
          <Field label="Type">
            {(a11y) => (
              <PhoneTypeSelect
                {...a11y}
                value={type}
                onChange={(event) => setType(event.target.value as PhoneType)}
              />
            )}
          </Field>
        )}
        <Field label="Label">
          {(a11y) => (
            <input
              {...a11y}
              className="input contact-edit-label"
              placeholder={kind === 'email' ? 'work, personal' : 'office, studio'}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          )}
        </Field>
        <Field label="Source">
          {(a11y) => (
            <select
              {...a11y}
              className="select"
              value={source}
              onChange={(event) => setSource(event.target.value as ContactSource)}
            >
              {CONTACT_SOURCES.map((option) => (
                <option key={option} value={option}>
                  {CUSTOMER_ORIGIN_LABELS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="contact-edit-actions">
        <label
          className="checkbox"
          title={row.is_primary === 1 ? `Make another ${noun} primary to change this` : undefined}
        >
          <input
            type="checkbox"
            checked={primary}
            // One is always the primary: another one takes it over, this one cannot drop it.
            disabled={row.is_primary === 1}
            onChange={(event) => setPrimary(event.target.checked)}
          />
          Primary {noun}
        </label>
        <span className="field-hint">Enter saves, Escape cancels</span>
        <span className="contact-edit-buttons">
          <button type="button" className="btn btn-small" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary btn-small" disabled={!input.trim()}>
            Save
          </button>
        </span>
      </div>
    </form>
  );
}
