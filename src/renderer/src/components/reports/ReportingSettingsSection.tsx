import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { formatDealDate } from '../../domain/deals/deal-display';
import { parseRateLines, rateLinesText } from '../../domain/reports/rate-lines';
import { useReportSettings } from '../../hooks/reports/use-report-settings';
import { userLocale } from '../../hooks/settings/user-locale';
import { removeRateSet, saveRateSet, setReportingCurrency } from './report-actions';

const CURRENCIES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('currency')
    : ['AUD', 'CAD', 'CHF', 'EUR', 'GBP', 'JPY', 'USD'];

/** Today in the user's zone (the UTC day was tomorrow on an evening west of Greenwich). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function RateSetForm({ base }: { base: string }) {
  const [date, setDate] = useState(today);
  const [from, setFrom] = useState(base);
  const [lines, setLines] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  async function submit() {
    const parsed = parseRateLines(lines);
    if (parsed.problems.length > 0) return setProblems(parsed.problems);
    const outcome = await run(saveRateSet, { date, base: from, rates: parsed.rates });
    if (outcome && !outcome.ok) return setProblems(outcome.error);
    setProblems([]);
    if (outcome?.ok) setLines('');
  }
  return (
    <form
      className="rate-form"
      aria-label="New exchange rates"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span className="field-label">In force from</span>
        <input
          className="input"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">1 unit of</span>
        <select className="select" value={from} onChange={(e) => setFrom(e.target.value)}>
          {CURRENCIES.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </select>
      </label>
      <label className="field rate-lines">
        <span className="field-label">is worth (one currency a line)</span>
        <textarea
          className="textarea"
          rows={3}
          placeholder={'USD 1.0856\nGBP 0.8512'}
          value={lines}
          onChange={(e) => setLines(e.target.value)}
        />
      </label>
      <button type="submit" className="btn">
        Add rates
      </button>
      {problems.length > 0 && (
        <ul className="field-error rate-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** Settings → Reports: the currency combined figures are shown in, and the dated rates. */
export function ReportingSettingsSection() {
  const settings = useReportSettings();
  if (!settings) return null;
  const { reportingCurrency, rateSets } = settings;
  return (
    <section className="section" aria-labelledby="reporting-heading">
      <h2 id="reporting-heading" className="section-title">
        Reports
      </h2>
      <div className="field field-narrow field-spaced">
        <label className="field-label" htmlFor="reporting-currency">
          Reporting currency
        </label>
        <select
          id="reporting-currency"
          className="select"
          value={reportingCurrency ?? ''}
          onChange={(event) => void run(setReportingCurrency, event.target.value || null)}
        >
          <option value="">None: each currency on its own</option>
          {CURRENCIES.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </select>
        <span className="field-hint">
          Combined figures convert every currency into this one with the rates below: each month at
          the rates in force on its last day, today’s figures at the newest rates.
        </span>
      </div>
      <h3 className="field-label">Exchange rates</h3>
      {rateSets.length === 0 ? (
        <p className="field-hint">No rates yet: figures stay per currency.</p>
      ) : (
        <table className="report-table rate-table" aria-label="Exchange rates">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">1 unit of</th>
              <th scope="col">Rates</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rateSets.map((set) => (
              <tr key={set.id}>
                <th scope="row">
                  <time dateTime={set.date}>{formatDealDate(set.date, userLocale())}</time>
                </th>
                <td>{set.base}</td>
                <td>{rateLinesText(set.rates)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    aria-label={`Remove the rates of ${formatDealDate(set.date, userLocale())}`}
                    onClick={() => void run(removeRateSet, set)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RateSetForm base={reportingCurrency ?? 'EUR'} />
    </section>
  );
}
