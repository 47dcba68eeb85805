import { run } from '../../app/actions/runner';
import { addPhone, makePhonePrimary, removePhone } from './customer-actions';
import { useState } from 'react';
import { formatPhoneForDisplay } from '../../domain/contact-points';
import { PHONE_TYPES } from '../../domain/records';
import type { CustomerPhone, PhoneType } from '../../domain/records';
import { ContactPointList } from './ContactPointList';

type Props = { customerId: string; phones: CustomerPhone[]; defaultRegion: string };

export function PhonesSection({ customerId, phones, defaultRegion }: Props) {
  const [raw, setRaw] = useState('');
  const [type, setType] = useState<PhoneType>('mobile');
  const [error, setError] = useState<string | null>(null);

  async function handleAdd() {
    const result = await run(addPhone, { customerId, raw, region: defaultRegion, type });
    if (!result) return;
    if (result.ok) {
      setRaw('');
      setError(null);
    } else setError(result.error.message);
  }

  return (
    <ContactPointList
      title="Phones"
      noun="phone"
      items={phones.map((phone) => ({
        id: phone.id,
        primaryText: formatPhoneForDisplay(phone.e164),
        meta: [
          phone.type,
          phone.label,
          phone.raw_input !== phone.e164 ? `entered as “${phone.raw_input}”` : '',
          `source: ${phone.source}`,
        ]
          .filter(Boolean)
          .join(' · '),
        isPrimary: phone.is_primary === 1,
      }))}
      onMakePrimary={(id) => void run(makePhonePrimary, id)}
      onRemove={(id) => void run(removePhone, id)}
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
              type="tel"
              aria-label="New phone"
              placeholder={`Add a phone (national numbers read as ${defaultRegion})`}
              aria-invalid={Boolean(error)}
              value={raw}
              onChange={(event) => setRaw(event.target.value)}
            />
            {error && (
              <span className="field-error" role="alert">
                {error}
              </span>
            )}
          </div>
          <select
            className="select"
            aria-label="New phone type"
            value={type}
            onChange={(event) => setType(event.target.value as PhoneType)}
          >
            {PHONE_TYPES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
          <button className="btn" type="submit" disabled={!raw.trim()}>
            Add phone
          </button>
        </form>
      }
    />
  );
}
