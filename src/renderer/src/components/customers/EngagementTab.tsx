import { run } from '../../app/actions/runner';
import { addTouchpoint, removeTouchpoint } from './customer-actions';
import { useState } from 'react';
import { TOUCHPOINT_KINDS } from '../../domain/records';
import type { EngagementTouchpoint, TouchpointKind } from '../../domain/records';
import { parseTouchpointValue, TOUCHPOINT_LABELS } from '../../domain/touchpoint-labels';

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

  async function handleAdd() {
    const amount = parseTouchpointValue(value);
    if (!amount.ok) {
      setError(`Spend: ${amount.reason}`);
      return;
    }
    const result = await run(addTouchpoint, {
      customerId,
      draft: {
        kind,
        occurred_at: when ? new Date(when).toISOString() : '',
        summary,
        value: amount.hundredths,
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
          className="add-row add-row-wrap"
          onSubmit={(event) => {
            event.preventDefault();
            void handleAdd();
          }}
        >
          <select
            className="select"
            aria-label="Kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as TouchpointKind)}
          >
            {TOUCHPOINT_KINDS.map((option) => (
              <option key={option} value={option}>
                {TOUCHPOINT_LABELS[option]}
              </option>
            ))}
          </select>
          <input
            className="input"
            type="datetime-local"
            aria-label="When"
            value={when}
            onChange={(event) => setWhen(event.target.value)}
          />
          <input
            className="input touch-summary-input"
            aria-label="Summary"
            placeholder="What happened?"
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
          />
          <input
            className="input touch-value-input"
            inputMode="decimal"
            aria-label="Value"
            placeholder="Spend"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
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
                    <span className="item-meta"> · {(touch.value / 100).toFixed(2)}</span>
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
