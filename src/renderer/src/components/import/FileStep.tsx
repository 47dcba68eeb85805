import { blobByteSource } from '@shared/csv';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { getPlatform } from '../../platform';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { chooseFile, pickWithDialog } from './wizard-actions';

export function FileStep() {
  const region = useDefaultRegion();
  const busy = useImportWizard((s) => s.busy);
  const resuming = useImportWizard((s) => s.resumeJobId);
  const desktop = getPlatform().kind === 'electron';
  return (
    <section className="section import-step" aria-labelledby="file-heading">
      <h2 id="file-heading" className="section-title">
        Choose a CSV file
      </h2>
      {resuming ? (
        <p className="notice">
          Resuming an interrupted import: choose the same file. Customers it already wrote are
          recognised by email and left as they are.
        </p>
      ) : null}
      <p className="field-hint">
        Exports from HubSpot, Google Contacts, Outlook, Mailchimp, Eventbrite or Excel. The
        encoding, delimiter and columns are detected; you can change each.
      </p>
      {desktop ? (
        <button
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void pickWithDialog(region)}
        >
          Choose file…
        </button>
      ) : (
        <div className="field import-file-field">
          <label className="field-label" htmlFor="import-file">
            CSV file
          </label>
          <input
            id="import-file"
            className="input"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file)
                void chooseFile({ source: blobByteSource(file, file.name), blob: file }, region);
              event.target.value = '';
            }}
          />
        </div>
      )}
    </section>
  );
}
