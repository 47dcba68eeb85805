import { useState } from 'react';
import {
  dropInvalidPhones,
  openRowsWithIssue,
  rereadPhonesIn,
  rowsWithIssue,
} from '../../domain/import/bulk-fixes';
import { ISSUE_LABELS, type IssueKind } from '../../domain/import/rows';
import type { IssueRow } from '../../services/crm/import-service';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { RegionSelect } from '../ui/RegionSelect';
import { fixCells, skipRows } from './wizard-actions';
import { showToast } from '../../stores/toast-store';

const rowsText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

/** Re-read every invalid phone in another region, drop them, or skip their rows. */
function PhoneFixes({ rows, all }: { rows: number[]; all: readonly IssueRow[] }) {
  const importRegion = useImportWizard((s) => s.region);
  const busy = useImportWizard((s) => s.busy);
  const [region, setRegion] = useState(importRegion === 'GB' ? 'US' : 'GB');
  async function reread() {
    const { fixes, read, unread } = rereadPhonesIn(all, region);
    await fixCells(fixes);
    showToast(
      unread === 0
        ? `Every phone of ${rowsText(read)} read in ${region}`
        : `${rowsText(read)} read in ${region}; ${rowsText(unread)} still ${unread === 1 ? 'has' : 'have'} a phone that does not read`,
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
        Re-read {rowsText(rows.length)}
      </button>
      <button
        className="btn btn-small"
        disabled={busy}
        onClick={() => void fixCells(dropInvalidPhones(all, importRegion))}
      >
        Import all {rows.length.toLocaleString()} without the phone
      </button>
    </>
  );
}

/**
 * One line per kind of issue, with what can be done for all its rows at once (the list below
 * shows each row's person and issue, to fix one by one).
 */
export function IssueBulkFixes({ rows }: { rows: readonly IssueRow[] }) {
  const busy = useImportWizard((s) => s.busy);
  const kinds = [...new Set(rows.flatMap((row) => row.issues.map((issue) => issue.kind)))];
  if (kinds.length === 0) return null;
  return (
    <div className="import-bulk" role="group" aria-label="Fix all rows with an issue">
      {kinds.map((kind: IssueKind) => {
        const withIssue = rowsWithIssue(rows, kind);
        const open = openRowsWithIssue(rows, kind);
        return (
          <div
            key={kind}
            className="import-bulk-line"
            role="group"
            aria-label={`All rows with: ${ISSUE_LABELS[kind]}`}
          >
            <span className="import-bulk-kind">
              {ISSUE_LABELS[kind]}: {rowsText(withIssue.length)}
            </span>
            {kind === 'invalid-phone' && <PhoneFixes rows={withIssue} all={rows} />}
            <button
              className="btn btn-small"
              disabled={busy || open.length === 0}
              onClick={() => void skipRows(open, true)}
            >
              Skip all {open.length.toLocaleString()}
            </button>
          </div>
        );
      })}
    </div>
  );
}
