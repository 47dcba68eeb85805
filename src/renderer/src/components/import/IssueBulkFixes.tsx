import { useState } from 'react';
import { rereadRegionDefault, type IssueKindSummary } from '../../domain/import/bulk-fixes';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { ISSUE_LABELS } from '../../domain/import/rows';
import { regionName } from '../../domain/settings/display-names';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { RegionSelect } from '../ui/RegionSelect';
import { dropInvalidPhones, rereadPhones, skipAllWithIssue } from './wizard-actions';
import { showToast } from '../../stores/toast-store';

const rowsText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

/** Re-read every invalid phone in another region, or drop them (in the import worker). */
function PhoneFixes({ rows }: { rows: number }) {
  const importRegion = useImportWizard((s) => s.region);
  const busy = useImportWizard((s) => s.busy);
  const suggested = useImportWizard((s) => s.regionSuggestion?.region ?? null);
  const userRegion = useDefaultRegion();
  const [region, setRegion] = useState(() =>
    rereadRegionDefault(importRegion, suggested, userRegion),
  );
  async function reread() {
    const counts = await rereadPhones(region);
    if (!counts) return;
    const { read, unread } = counts;
    // Regions by name everywhere (issue 16): "read in Germany", not "read in DE".
    const where = regionName(region);
    showToast(
      unread === 0
        ? `Every phone of ${rowsText(read)} read in ${where}`
        : `${rowsText(read)} read in ${where}; ${rowsText(unread)} still ${unread === 1 ? 'has' : 'have'} a phone that does not read`,
    );
  }
  return (
    <>
      <label className="import-bulk-region">
        <span>Read their phones in</span>
        <RegionSelect
          className="select"
          aria-label="Region to read these phones in"
          value={region}
          onChoose={setRegion}
        />
      </label>
      <button className="btn btn-small" disabled={busy} onClick={() => void reread()}>
        Re-read {rowsText(rows)}
      </button>
      <button
        className="btn btn-small"
        disabled={busy}
        onClick={() => void dropInvalidPhones(importRegion)}
      >
        Import all {rows.toLocaleString()} without the phone
      </button>
    </>
  );
}

/**
 * One line per kind of issue, with what can be done for all its rows at once (the list below
 * shows each row's person and issue, to fix one by one). The counts come with the analysis;
 * the rows themselves stay in the import worker, which applies these fixes.
 */
export function IssueBulkFixes({ kinds }: { kinds: readonly IssueKindSummary[] }) {
  const busy = useImportWizard((s) => s.busy);
  if (kinds.length === 0) return null;
  return (
    <div className="import-bulk" role="group" aria-label="Fix all rows with an issue">
      {kinds.map(({ kind, rows, open }) => (
        <div
          key={kind}
          className="import-bulk-line"
          role="group"
          aria-label={`All rows with: ${ISSUE_LABELS[kind]}`}
        >
          <span className="import-bulk-kind">
            {ISSUE_LABELS[kind]}: {rowsText(rows)}
          </span>
          {kind === 'invalid-phone' && <PhoneFixes rows={rows} />}
          <button
            className="btn btn-small"
            disabled={busy || open === 0}
            onClick={() => void skipAllWithIssue(kind)}
          >
            Skip all {open.toLocaleString()}
          </button>
        </div>
      ))}
    </div>
  );
}
