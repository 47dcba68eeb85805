import { run } from '../../app/actions/runner';
import { addTouchpoint, removeTouchpoint } from './customer-actions';
import { useState } from 'react';
import { TOUCHPOINT_KINDS } from '../../domain/records';
import type { EngagementTouchpoint, TouchpointKind } from '../../domain/records';
import { currencyForRegion } from '../../domain/settings/system-defaults';
import {
  formatTouchpointValue,
  parseTouchpointValue,
  TOUCHPOINT_LABELS,
} from '../../domain/touchpoint-labels';
import { useDefaultRegion, useReportingCurrency } from '../../hooks/settings/use-settings';
import { Field } from '../ui/Field';

function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function EngagementTab({
  customerId,
  touchpoints,
}: {
  customerId: string;
  touchpoints: EngagementTouchpoint[];
}) {
  const [kind, setKind] = useState<TouchpointKind>('call');
  const [when, setWhen] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [spendError, setSpendError] = useState<string | null>(null);
  const region = useDefaultRegion();
  // The app's default currency: the one reports total in, else the region's own.
  const currency = useReportingCurrency() ?? currencyForRegion(region);

  async function handleAdd() {
    const amount = parseTouchpointValue(value, currency);
    setSpendError(amount.ok ? null : amount.reason);
    if (!amount.ok) return;
    const result = await run(addTouchpoint, {
      customerId,
      draft: {
        kind,
        occurred_at: when ? new Date(when).toISOString() : '',
        summary,
        value: amount.minor,
        currency,
      },
    });
    if (!result) return;
    if (result.ok) {
      setSummary('');
      setValue('');
      setError(null);
    } else setError(result.error.message);
  }

  return (
    <>
      <section className="section" aria-labelledby="touch-add-heading">
        <h2 id="touch-add-heading" className="section-title">
          Log a touchpoint
        </h2>
        <form
          className="add-row add-row-wrap touch-form"
          onSubmit={(event) => {
            event.preventDefault();
            void handleAdd();
          }}
        >
          <Field label="Kind">
            {(a11y) => (
              <select
                {...a11y}
                className="select"
                value={kind}
                onChange={(event) => setKind(event.target.value as TouchpointKind)}
              >
                {TOUCHPOINT_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {TOUCHPOINT_LABELS[option]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="When">
            {(a11y) => (
              <input
                {...a11y}
                className="input"
                type="datetime-local"
                value={when}
                onChange={(event) => setWhen(event.target.value)}
              />
            )}
          </Field>
          <div className="touch-summary-input">
            <Field label="Summary">
              {(a11y) => (
                <input
                  {...a11y}
                  className="input"
                  placeholder="What happened?"
                  value={summary}
                  onChange={(event) => setSummary(event.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="touch-value-input">
            {/* The currency is named where the amount is typed, and stored with it. */}
            <Field label={`Spend (${currency})`} error={spendError ?? undefined}>
              {(a11y) => (
                <input
                  {...a11y}
                  className="input"
                  inputMode="decimal"
                  placeholder="0.00"
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                />
              )}
            </Field>
          </div>
          <button className="btn btn-primary" type="submit">
            Log touchpoint
          </button>
        </form>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="section" aria-labelledby="touch-list-heading">
        <h2 id="touch-list-heading" className="section-title">
          History ({touchpoints.length})
        </h2>
        {touchpoints.length === 0 ? (
          <p className="field-hint">
            No touchpoints yet. Calls, shows attended and purchases logged here set the customer’s
            last touch.
          </p>
        ) : (
          <ol aria-label="Touchpoints" className="plain-list">
            {touchpoints.map((touch) => (
              <li key={touch.id} className="timeline-item">
                <span className="item-meta">
                  {new Date(touch.occurred_at).toLocaleString(undefined, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </span>
                <span>
                  <strong>{TOUCHPOINT_LABELS[touch.kind]}</strong>
                  {touch.summary && ` · ${touch.summary}`}
                  {touch.value > 0 && (
                    <span className="item-meta"> · {formatTouchpointValue(touch)}</span>
                  )}
                </span>
                <button
                  className="btn btn-ghost btn-small"
                  aria-label={`Remove ${TOUCHPOINT_LABELS[touch.kind]} touchpoint`}
                  onClick={() => void run(removeTouchpoint, touch.id)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
