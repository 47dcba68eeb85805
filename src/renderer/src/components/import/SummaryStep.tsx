import { run } from '../../app/actions/runner';
import { saveErrorReport } from './import-actions';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { useUndoImport } from './UndoImportDialog';
import { Count } from './Count';

const STATUS_TEXT = {
  finished: 'Import finished',
  cancelled: 'Import cancelled: the customers written so far were kept',
  failed: 'Import stopped by an error: the customers written so far were kept',
} as const;

export function SummaryStep() {
  const { result, analysis, reset } = useImportWizard();
  const undo = useUndoImport(reset);
  if (!result || !analysis) return null;
  const { job } = result;
  const c = job.counts;
  const items: [string, string, number][] = [
    ['Rows read', 'rows-read', c['rows_read'] ?? 0],
    ['Customers created', 'created', c['created'] ?? 0],
    ['Customers updated', 'updated', c['written_updates'] ?? 0],
    ['Unchanged', 'unchanged', c['unchanged'] ?? 0],
    ['Duplicates merged', 'duplicates', c['duplicates_in_file'] ?? 0],
    ['Invalid emails', 'invalid-email', c['invalid_emails'] ?? 0],
    ['Invalid phones', 'invalid-phone', c['invalid_phones'] ?? 0],
    ['Unreadable dates', 'invalid-date', c['invalid_dates'] ?? 0],
    [
      'Rows not imported',
      'not-imported',
      (c['rows_not_importable'] ?? 0) + (c['rows_skipped_by_user'] ?? 0),
    ],
  ];
  // Rows the plan allowed but someone's change since then (another window, a sync) did not:
  // an email taken meanwhile, an Encore ID and an email that now name two people.
  if ((c['conflicts'] ?? 0) > 0)
    items.push(['Not written: changed meanwhile', 'conflicts', c['conflicts'] ?? 0]);
  return (
    <section className="section import-step" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="section-title">
        {STATUS_TEXT[result.status]}
      </h2>
      {job.message ? <p className="notice notice-danger">{job.message}</p> : null}
      <dl className="import-counts" aria-label="Summary counts">
        {items.map(([label, key, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <Count name={key} value={value} />
          </div>
        ))}
      </dl>
      <div className="import-nav">
        <button
          className="btn"
          disabled={job.error_count === 0}
          onClick={() => void run(saveErrorReport, { jobId: job.id, fileName: job.file_name })}
        >
          Download error report ({job.error_count} {job.error_count === 1 ? 'row' : 'rows'})
        </button>
        <button
          className="btn"
          onClick={() => void undo.begin({ jobId: job.id, fileName: job.file_name })}
        >
          Undo import…
        </button>
        <button className="btn btn-primary" onClick={reset}>
          Import another file
        </button>
      </div>
      {undo.dialog}
    </section>
  );
}
