import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { CONTACT_KINDS, contactText, type ContactKind } from '../../domain/contact-kinds';
import type { CustomerEmail, CustomerPhone, PhoneType } from '../../domain/records';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';
import { ContactPointEditor } from './ContactPointEditor';
import { ContactPointList } from './ContactPointList';
import { OpenDuplicateButton } from './OpenDuplicateButton';
import { PhoneTypeSelect } from './PhoneTypeSelect';
import { addContactPoint, makeContactPointPrimary, removeContactPoint } from './customer-actions';
import { CUSTOMER_ORIGIN_LABELS } from '../../domain/customer-origin';

type Props = {
  kind: ContactKind;
  customerId: string;
  rows: readonly (CustomerEmail | CustomerPhone)[];
  defaultRegion: string;
};

function sameWords(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What is shown under a contact point: its label or type, how it was typed, where it came from. */
function metaOf(row: CustomerEmail | CustomerPhone): string {
  const parts =
    'e164' in row
      ? [
          row.type,
          // An imported "Mobile" label says what the type says already: show it once.
          sameWords(row.label, row.type) ? '' : row.label,
          row.raw_input !== row.e164 ? `entered as “${row.raw_input}”` : '',
        ]
      : [row.label];
  return [...parts, `source: ${CUSTOMER_ORIGIN_LABELS[row.source].toLowerCase()}`]
    .filter(Boolean)
    .join(' · ');
}

/** A customer's emails or phones (CONTACT_KINDS): the list with one primary, and an add row. */
export function ContactPointSection({ kind, customerId, rows, defaultRegion }: Props) {
  const descriptor = CONTACT_KINDS[kind];
  const [input, setInput] = useState('');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<PhoneType>('mobile');
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateOwner | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const editing = rows.find((row) => row.id === editingId && row.deleted === 0);

  async function handleAdd() {
    const details = { label, type, region: defaultRegion };
    const result = await run(addContactPoint, { kind, customerId, input, details });
    if (!result) return;
    setError(result.ok ? null : result.error.message);
    setDuplicate(result.ok ? null : (result.error.duplicate ?? null));
    if (result.ok) {
      setInput('');
      setLabel('');
    }
  }

  const { noun } = descriptor;
  return (
    <ContactPointList
      title={descriptor.title}
      noun={noun}
      items={rows.map((row) => ({
        id: row.id,
        primaryText: contactText(row),
        meta: metaOf(row),
        isPrimary: row.is_primary === 1,
      }))}
      onMakePrimary={(id) => void run(makeContactPointPrimary, { kind, id })}
      editingId={editing?.id ?? null}
      editor={
        editing && (
          <ContactPointEditor
            key={editing.id}
            kind={kind}
            row={editing}
            defaultRegion={defaultRegion}
            onClose={() => {
              setFocusId(editing.id);
              setEditingId(null);
            }}
          />
        )
      }
      onEdit={(id) => {
        setFocusId(null);
        setEditingId(id);
      }}
      focusId={focusId}
      onRemove={(item) =>
        void run(removeContactPoint, {
          kind,
          id: item.id,
          text: item.primaryText,
          wasPrimary: item.isPrimary,
        })
      }
      addForm={
        <form
          className="add-row"
          // The app's check says why under the field (the browser's own bubble said less).
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void handleAdd();
          }}
        >
          <div className="field field-grow">
            <input
              className="input"
              type={descriptor.inputType}
              aria-label={`New ${noun}`}
              placeholder={descriptor.addPlaceholder(defaultRegion)}
              aria-invalid={Boolean(error)}
              value={input}
              onChange={(event) => setInput(event.target.value)}
            />
            {error && (
              <span className="field-error" role="alert">
                {error} {duplicate && <OpenDuplicateButton owner={duplicate} />}
              </span>
            )}
          </div>
          {kind === 'email' ? (
            <input
              className="input"
              aria-label="New email label"
              placeholder="Label (work, personal)"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          ) : (
            <PhoneTypeSelect
              aria-label="New phone type"
              value={type}
              onChange={(event) => setType(event.target.value as PhoneType)}
            />
          )}
          <button className="btn" type="submit" disabled={!input.trim()}>
            Add {noun}
          </button>
        </form>
      }
    />
  );
}
