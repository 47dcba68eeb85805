import { run } from '../../app/actions/runner';
import { saveErrorReport } from './import-actions';
import { useImportJobs } from '../../hooks/import/use-imports';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { useUndoImport } from './UndoImportDialog';

const STATUS_LABELS = {
  running: 'Running',
  finished: 'Finished',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  undone: 'Undone',
  failed: 'Failed',
} as const;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ImportHistory() {
  const jobs = useImportJobs();
  const set = useImportWizard((s) => s.set);
  const wizardStep = useImportWizard((s) => s.step);
  const undo = useUndoImport();
  if (!jobs || jobs.length === 0) return null;
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-title">
        Import history
      </h2>
      <ul className="item-list" aria-label="Past imports">
        {jobs.map((job) => (
          <li key={job.id} className="item">
            <div className="item-main">
              <strong>{job.file_name}</strong>{' '}
              <span className={`badge import-status-${job.status}`}>
                {STATUS_LABELS[job.status]}
              </span>
              <div className="item-meta">
                {dateFormat.format(new Date(job.created_at))} ·{' '}
                {(job.counts['created'] ?? 0).toLocaleString()} created ·{' '}
                {(job.counts['written_updates'] ?? 0).toLocaleString()} updated ·{' '}
                {job.error_count.toLocaleString()} {job.error_count === 1 ? 'row' : 'rows'} with
                issues
                {job.message ? ` · ${job.message}` : ''}
              </div>
            </div>
            <div className="import-history-actions">
              {job.error_count > 0 ? (
                <button
                  className="btn btn-small"
                  onClick={() =>
                    void run(saveErrorReport, { jobId: job.id, fileName: job.file_name })
                  }
                >
                  Error report
                </button>
              ) : null}
              {job.status === 'interrupted' && wizardStep !== 'progress' ? (
                <button
                  className="btn btn-small"
                  onClick={() => {
                    useImportWizard.getState().reset();
                    set({ resumeJobId: job.id, policy: job.policy as never, step: 'file' });
                  }}
                >
                  Resume
                </button>
              ) : null}
              {job.status !== 'undone' && job.status !== 'running' ? (
                <button
                  className="btn btn-small"
                  aria-label={`Undo import of ${job.file_name}`}
                  onClick={() => void undo.begin({ jobId: job.id, fileName: job.file_name })}
                >
                  Undo
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {undo.dialog}
    </section>
  );
}
