import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { useState } from 'react';
import { exportBackup } from '../../app/backup-export';
import { runAction } from '../../app/run-action';
import { useDefaultRegion, useTeamMembers } from '../../hooks/use-crm-data';
import { crm } from '../../services/registry';

const regionNames =
  typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames(undefined, { type: 'region' })
    : null;
const REGIONS = getCountries()
  .map((code) => ({
    code,
    label: `${regionNames?.of(code) ?? code} (+${getCountryCallingCode(code)})`,
  }))
  .sort((a, b) => a.label.localeCompare(b.label));

export function SettingsPage() {
  const region = useDefaultRegion();
  const members = useTeamMembers();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function handleAddMember() {
    const result = await runAction(() => crm().team.add(name));
    if (!result) return;
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(result.error);
  }

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Settings</h1>
      </header>
      <div className="page-body">
        <section className="section" aria-labelledby="region-heading">
          <h2 id="region-heading" className="section-title">
            Phone numbers
          </h2>
          <div className="field" style={{ maxWidth: 360 }}>
            <label className="field-label" htmlFor="default-region">
              Default region
            </label>
            <select
              id="default-region"
              className="select"
              value={region}
              onChange={(event) =>
                void runAction(() => crm().settings.setDefaultRegion(event.target.value))
              }
            >
              {REGIONS.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.label}
                </option>
              ))}
            </select>
            <span className="field-hint">
              Numbers typed without a country code, like (415) 555-0134 or 030 1234567, are read in
              this region.
            </span>
          </div>
        </section>
        <section className="section" aria-labelledby="team-heading">
          <h2 id="team-heading" className="section-title">
            Team
          </h2>
          {members.length > 0 && (
            <ul
              className="item-list"
              aria-labelledby="team-heading"
              style={{ marginBottom: 'var(--space-2)' }}
            >
              {members.map((member) => (
                <li key={member.id} className="item">
                  <span className="item-main">{member.name}</span>
                  <span className="item-meta">{member.email}</span>
                </li>
              ))}
            </ul>
          )}
          <form
            className="add-row"
            onSubmit={(event) => {
              event.preventDefault();
              void handleAddMember();
            }}
          >
            <div className="field">
              <input
                className="input"
                aria-label="Team member name"
                placeholder="Name"
                value={name}
                aria-invalid={Boolean(error)}
                onChange={(event) => setName(event.target.value)}
              />
              {error && (
                <span className="field-error" role="alert">
                  {error}
                </span>
              )}
            </div>
            <button className="btn" type="submit" disabled={!name.trim()}>
              Add team member
            </button>
          </form>
        </section>
        <section className="section" aria-labelledby="data-heading">
          <h2 id="data-heading" className="section-title">
            Your data
          </h2>
          <p className="field-hint">
            Everything is stored on this computer. A backup is a JSON file with every customer,
            email, phone and touchpoint.
          </p>
          <button className="btn" onClick={() => void exportBackup()}>
            Export backup
          </button>
        </section>
      </div>
    </>
  );
}
