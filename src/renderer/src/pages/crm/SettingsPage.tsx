import { run } from '../../app/actions/runner';
import { setDefaultRegion, setReportingCurrency } from '../../components/settings/settings-actions';
import { BackupSection } from '../../components/backup/BackupSection';
import { ReportingSettingsSection } from '../../components/reports/ReportingSettingsSection';
import { TeamSection } from '../../components/team/TeamSection';
import { SyncSettingsSection } from '../../components/sync/SyncSettingsSection';
import { CurrencySelect } from '../../components/ui/CurrencySelect';
import { RegionSelect } from '../../components/ui/RegionSelect';
import { currencyForRegion } from '../../domain/settings/system-defaults';
import { useDefaultRegion, useReportingCurrency } from '../../hooks/settings/use-settings';

export function SettingsPage() {
  const region = useDefaultRegion();
  const currency = useReportingCurrency();
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
            <RegionSelect
              id="default-region"
              value={region}
              onChoose={(next) => void run(setDefaultRegion, next)}
            />
            <span className="field-hint">
              Numbers typed without a country code, like (415) 555-0134 or 030 1234567, are read in
              this region.
            </span>
          </div>
        </section>
        <section className="section" aria-labelledby="currency-heading">
          <h2 id="currency-heading" className="section-title">
            Reports
          </h2>
          <div className="field field-narrow">
            <label className="field-label" htmlFor="reporting-currency">
              Reporting currency
            </label>
            <CurrencySelect
              id="reporting-currency"
              value={currency ?? currencyForRegion(region)}
              onChoose={(next) => void run(setReportingCurrency, next)}
            />
            <span className="field-hint">Reports total deals in this currency.</span>
          </div>
        </section>
        <TeamSection />
        <ReportingSettingsSection />
        <SyncSettingsSection />
        <BackupSection />
      </div>
    </>
  );
}
