import { DialogShell } from '../ui/DialogShell';
import { useRef, useState, type ReactNode } from 'react';
import { exportCustomersCsv, type ExportProgress } from '../../app/csv-export';
import type { ExportColumnGroup } from '../../domain/export/export-columns';
import type { CellWriting } from '../../domain/export/csv-writer';
import {
  EXPORT_COLUMN_GROUP_INFO,
  defaultExportGroups,
  missingForRoundTrip,
} from '../../domain/export/export-columns';
import type { CustomerListQuery } from '../../services/crm/customers/customer-list-query';
import { useSearchVersionParts } from '../../hooks/customers/use-customer-search';
import { showError, showToast } from '../../stores/toast-store';

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The list as shown: its query and how many customers it holds. */
  query: CustomerListQuery;
  listCount: number;
  total: number;
  filtered: boolean;
};

type ScopeChoice = 'list' | 'all';

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

/** One choice of a radio group: the input and its label text (with a hint inside). */
function RadioOption({
  name,
  checked,
  onSelect,
  children,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <label className="checkbox">
      <input type="radio" name={name} checked={checked} onChange={onSelect} />
      <span>{children}</span>
    </label>
  );
}

export function ExportDialog({ open, onOpenChange, query, listCount, total, filtered }: Props) {
  const { seenSeq } = useSearchVersionParts();
  const [scope, setScope] = useState<ScopeChoice>('list');
  const [groups, setGroups] = useState<ExportColumnGroup[]>(defaultExportGroups);
  const [cells, setCells] = useState<CellWriting>('protected');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [running, setRunning] = useState(false);
  const abortRef = useRef<AbortController | null>(null);

  function toggle(group: ExportColumnGroup, on: boolean) {
    setGroups((current) =>
      on ? [...current, group] : current.filter((existing) => existing !== group),
    );
  }

  async function handleExport() {
    const controller = new AbortController();
    abortRef.current = controller;
    setRunning(true);
    setProgress(null);
    try {
      const outcome = await exportCustomersCsv(
        // With the journal's seq seen here, as the list asks: the worker need not read it first.
        scope === 'list' ? { kind: 'list', query, seenSeq } : { kind: 'all' },
        groups,
        { onProgress: setProgress, signal: controller.signal, cells },
      );
      if (outcome.status === 'saved') {
        showToast(`Exported ${plural(outcome.rows)} to ${outcome.location}`);
        onOpenChange(false);
      }
    } catch (error) {
      showError(
        `The export could not be written: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      abortRef.current = null;
      setRunning(false);
      setProgress(null);
    }
  }

  function handleOpenChange(next: boolean) {
    // Closing while it runs cancels it: no half-written file is left behind.
    if (!next) abortRef.current?.abort();
    onOpenChange(next);
  }

  const missing = missingForRoundTrip(groups);
  const percent =
    progress && progress.total > 0 ? Math.round((progress.rowsWritten / progress.total) * 100) : 0;

  return (
    <DialogShell
      open={open}
      onOpenChange={handleOpenChange}
      title="Export customers"
      description={
        missing.length === 0
          ? 'A CSV file that Excel, Numbers and Google Sheets open as is, and that Encore imports back unchanged.'
          : `A CSV file that Excel, Numbers and Google Sheets open as is. Without ${missing.join(', ')}, importing it back into Encore does not restore everything.`
      }
      liveDescription
      className="export-dialog"
    >
      <fieldset className="export-fieldset" disabled={running}>
        <legend className="field-label">Which customers</legend>
        <RadioOption
          name="export-scope"
          checked={scope === 'list'}
          onSelect={() => setScope('list')}
        >
          Current list: {plural(listCount)}
          <span className="export-hint">
            {filtered ? ' with its search and filters,' : ''} in its sort order
          </span>
        </RadioOption>
        <RadioOption name="export-scope" checked={scope === 'all'} onSelect={() => setScope('all')}>
          Everything: {plural(total)}
          <span className="export-hint"> by name</span>
        </RadioOption>
      </fieldset>

      <fieldset className="export-fieldset" disabled={running}>
        <legend className="field-label">Columns</legend>
        <div className="export-columns">
          {EXPORT_COLUMN_GROUP_INFO.map((info) => (
            <label key={info.id} className="checkbox export-column">
              <input
                type="checkbox"
                checked={groups.includes(info.id)}
                onChange={(event) => toggle(info.id, event.target.checked)}
              />
              <span>
                {info.label}
                <span className="export-hint">{info.columns}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="export-fieldset" disabled={running}>
        <legend className="field-label">Values</legend>
        <RadioOption
          name="export-cells"
          checked={cells === 'protected'}
          onSelect={() => setCells('protected')}
        >
          For a spreadsheet (Excel, Numbers, Google Sheets)
          <span className="export-hint">
            {' '}
            Why phones start with an apostrophe: a cell beginning with +, -, = or @ is a formula to
            a spreadsheet, so +1 415 555 0134 would be calculated, or a harmful formula run. The
            apostrophe (&apos;+1 415 555 0134) makes it text. Spreadsheets hide it, and Encore
            removes it when it imports the file back.
          </span>
        </RadioOption>
        <RadioOption name="export-cells" checked={cells === 'raw'} onSelect={() => setCells('raw')}>
          Raw values, for moving to another system
          <span className="export-hint"> Every value exactly as stored, no apostrophes.</span>
        </RadioOption>
        {cells === 'raw' && (
          <p className="notice notice-warning export-raw-warning" role="note">
            Do not open this file in a spreadsheet: a cell starting with =, +, - or @ would run as a
            formula there, which can change your data or run harmful commands. Give it straight to
            the system that imports it.
          </p>
        )}
      </fieldset>

      {running && (
        <div className="export-progress">
          <progress aria-label="Export progress" max={100} value={progress ? percent : undefined} />
          <span aria-live="polite">
            {progress
              ? `${progress.rowsWritten.toLocaleString()} of ${progress.total.toLocaleString()} rows`
              : 'Preparing…'}
          </span>
        </div>
      )}

      <div className="dialog-actions">
        <button className="btn" onClick={() => handleOpenChange(false)}>
          {running ? 'Cancel export' : 'Cancel'}
        </button>
        <button
          className="btn btn-primary"
          disabled={running || groups.length === 0}
          onClick={() => void handleExport()}
        >
          Export CSV
        </button>
      </div>
    </DialogShell>
  );
}
