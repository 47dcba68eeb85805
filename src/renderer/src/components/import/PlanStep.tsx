import { MERGE_POLICIES, POLICY_LABELS } from '../../domain/import/plan';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { choosePolicy, startImport } from './wizard-actions';
import { Count } from './Count';
import { LikelyExistingRows } from './LikelyExistingRows';

const POLICY_HINTS = {
  'fill-blanks':
    'Existing customers keep their data; empty fields are filled, new emails and phones added.',
  overwrite: 'Values in the file replace what existing customers have; nothing is deleted.',
  skip: 'Customers already in Encore are left untouched.',
} as const;

export function PlanStep() {
  const { analysis, policy, busy, set } = useImportWizard();
  if (!analysis) return null;
  const { plan } = analysis;
  const writes = plan.new + plan.updated;
  return (
    <section className="section import-step" aria-labelledby="plan-heading">
      <h2 id="plan-heading" className="section-title">
        Plan
      </h2>
      <fieldset className="import-policy">
        <legend className="field-label">
          Customers already in Encore (same Encore ID or email)
        </legend>
        {MERGE_POLICIES.map((option) => (
          <label key={option} className="import-policy-option">
            <input
              type="radio"
              name="merge-policy"
              value={option}
              checked={policy === option}
              disabled={busy}
              onChange={() => void choosePolicy(option)}
            />
            <span>
              <strong>{POLICY_LABELS[option]}</strong>
              <span className="field-hint">{POLICY_HINTS[option]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <dl className="import-counts" aria-label="Plan counts">
        <div>
          <dt>New</dt>
          <Count name="new" value={plan.new} />
        </div>
        <div>
          <dt>Updated</dt>
          <Count name="updated" value={plan.updated} />
        </div>
        <div>
          <dt>Unchanged</dt>
          <Count name="unchanged" value={plan.unchanged} />
        </div>
        <div>
          <dt>Skipped</dt>
          <Count
            name="skipped"
            value={plan.skipped_existing + plan.rows_skipped_by_user + plan.rows_not_importable}
          />
        </div>
        <div>
          <dt>Duplicates merged</dt>
          <Count name="duplicates" value={plan.duplicates_in_file} />
        </div>
        <div>
          <dt>With issues</dt>
          <Count name="with-issues" value={plan.rows_with_issues} />
        </div>
      </dl>
      <LikelyExistingRows />
      {plan.restored_ids + plan.renewed_ids + plan.matched_by_id > 0 ? (
        <p className="field-hint" data-testid="import-id-summary">
          By Encore ID: {plan.matched_by_id} found in Encore, {plan.restored_ids} new with their
          exported ID
          {plan.renewed_ids > 0
            ? `, ${plan.renewed_ids} new with a fresh ID (their exported one belongs to a deleted customer)`
            : ''}
          .
        </p>
      ) : null}
      <p className="field-hint">Nothing has been written yet.</p>
      <div className="import-nav">
        <button className="btn" onClick={() => set({ step: 'validation' })}>
          Back
        </button>
        <button className="btn btn-primary" disabled={busy} onClick={() => void startImport()}>
          {writes === 0
            ? 'Finish (nothing to write)'
            : `Import ${writes.toLocaleString()} ${writes === 1 ? 'customer' : 'customers'}`}
        </button>
      </div>
    </section>
  );
}
