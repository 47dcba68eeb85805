import { run } from '../../app/actions/runner';
import { setDefaultRegion } from '../../components/settings/settings-actions';
import { BackupSection } from '../../components/backup/BackupSection';
import { ReportingSettingsSection } from '../../components/reports/ReportingSettingsSection';
import { TeamSection } from '../../components/team/TeamSection';
import { SyncSettingsSection } from '../../components/sync/SyncSettingsSection';
import { RegionSelect } from '../../components/ui/RegionSelect';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { TeamAccessSection } from '../../components/sync/TeamAccessSection';

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
        <TeamSection />
        <ReportingSettingsSection />
        <SyncSettingsSection />
        <TeamAccessSection />
        <BackupSection />
      </div>
    </>
  );
}
