import { run } from '../../app/actions/runner';
import { setConsent } from './customer-actions';
import { useState } from 'react';
import type { ConsentState, CustomerProfile } from '../../domain/records';

function describe(consent: ConsentState): string {
  if (!consent.changed_at) return 'Never asked';
  const when = new Date(consent.changed_at).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${consent.opted_in ? 'Opted in' : 'Opted out'} · ${consent.source ?? 'unknown source'} · ${when}`;
}

/** Marketing consent: every change records where it came from and when (proof for GDPR/CAN-SPAM). */
export function ConsentSection({ profile }: { profile: CustomerProfile }) {
  const [source, setSource] = useState('');
  const channels = [
    { channel: 'email' as const, label: 'Email marketing', consent: profile.email_consent },
    { channel: 'sms' as const, label: 'SMS marketing', consent: profile.sms_consent },
  ];
  return (
    <section className="section" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="section-title">
        Marketing preferences
      </h2>
      <div className="field field-narrow field-spaced-small">
        <label className="field-label" htmlFor="consent-source">
          How was consent given?
        </label>
        <input
          id="consent-source"
          className="input"
          placeholder="e.g. signup sheet at the Roundhouse show"
          value={source}
          onChange={(event) => setSource(event.target.value)}
        />
      </div>
      <ul className="item-list">
        {channels.map(({ channel, label, consent }) => (
          <li key={channel} className="item">
            <label className="checkbox item-main">
              <input
                type="checkbox"
                checked={consent.opted_in}
                onChange={(event) =>
                  void run(setConsent, {
                    customerId: profile.id,
                    channel,
                    optedIn: event.target.checked,
                    source: source.trim() || 'manual: contact page',
                  })
                }
              />
              <span>
                {label}
                <span className="item-meta item-meta-block">{describe(consent)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
