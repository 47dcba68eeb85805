import { formatTimeLeft } from '../../domain/import/write-estimate';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { cancelImport } from './wizard-actions';

export function ProgressStep() {
  const progress = useImportWizard((s) => s.progress);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <section className="section import-step" aria-labelledby="progress-heading">
      <h2 id="progress-heading" className="section-title">
        Importing…
      </h2>
      <progress
        className="import-progress"
        aria-label="Import progress"
        max={Math.max(total, 1)}
        value={done}
      />
      <p className="import-progress-text" aria-live="polite">
        {done.toLocaleString()} of {total ? total.toLocaleString() : '…'} customers ·{' '}
        {Math.round(progress?.rowsPerSecond ?? 0)} rows/s · time left{' '}
        {formatTimeLeft(progress?.secondsLeft ?? null)}
      </p>
      <button className="btn btn-danger" onClick={cancelImport}>
        Cancel import
      </button>
      <p className="field-hint">Cancel keeps the customers already written; undo removes them.</p>
    </section>
  );
}
