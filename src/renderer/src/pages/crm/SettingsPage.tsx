import { run } from '../../app/actions/runner';
import { setDefaultRegion } from '../../components/settings/settings-actions';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { BackupSection } from '../../components/backup/BackupSection';
import { TeamSection } from '../../components/team/TeamSection';
import { SyncSettingsSection } from '../../components/sync/SyncSettingsSection';
import { TeamAccessSection } from '../../components/sync/TeamAccessSection';
import { useDefaultRegion } from '../../hooks/settings/use-settings';

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
          <div className="field field-narrow">
            <label className="field-label" htmlFor="default-region">
              Default region
            </label>
            <select
              id="default-region"
              className="select"
              value={region}
              onChange={(event) => void run(setDefaultRegion, event.target.value)}
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
        <TeamSection />
        <SyncSettingsSection />
        <TeamAccessSection />
        <BackupSection />
      </div>
    </>
  );
}
