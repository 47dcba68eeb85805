import { DialogClose, DialogShell } from '../ui/DialogShell';
import { run } from '../../app/actions/runner';
import { previewImportUndo, undoImport } from './import-actions';
import { useState } from 'react';
import { undoSummary } from '../../domain/import/undo-summary';
import type { UndoPreview } from '../../services/crm/import/import-undo';
import { showToast } from '../../stores/toast-store';

export type UndoTarget = { jobId: string; fileName: string };

type State =
  | { step: 'closed' }
  | { step: 'checking'; target: UndoTarget }
  | { step: 'confirm' | 'undoing'; target: UndoTarget; preview: UndoPreview };

/**
 * The confirmation before undoing an import: what undo will do in numbers, and the customers
 * it keeps because they changed since (with why). `begin` reads the preview; confirming undoes
 * in one transaction, which decides again in case someone edited a customer meanwhile.
 */
export function useUndoImport(onUndone?: () => void) {
  const [state, setState] = useState<State>({ step: 'closed' });

  async function begin(target: UndoTarget) {
    setState({ step: 'checking', target });
    const checked = await run(previewImportUndo, target.jobId);
    const preview = checked?.ok ? checked.value : null;
    setState((current) =>
      current.step === 'checking' && current.target.jobId === target.jobId && preview
        ? { step: 'confirm', target, preview }
        : { step: 'closed' },
    );
  }

  async function confirm() {
    if (state.step !== 'confirm') return;
    setState({ ...state, step: 'undoing' });
    const result = await run(undoImport, state.target.jobId);
    setState({ step: 'closed' });
    if (!result?.ok) return;
    showToast(`Import undone: ${undoSummary(result.value.counts, 'done')}`);
    onUndone?.();
  }

  const dialog = (
    <UndoImportDialog
      state={state}
      onConfirm={() => void confirm()}
      onClose={() => setState({ step: 'closed' })}
    />
  );
  return { begin, dialog };
}

function UndoImportDialog({
  state,
  onConfirm,
  onClose,
}: {
  state: State;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const preview = state.step === 'confirm' || state.step === 'undoing' ? state.preview : null;
  const more = preview ? preview.counts.kept - preview.kept.length : 0;
  return (
    <DialogShell
      open={state.step !== 'closed'}
      onOpenChange={(open) => {
        if (!open && state.step !== 'undoing') onClose();
      }}
      title={`Undo import of ${state.step === 'closed' ? '' : state.target.fileName}?`}
      description={
        preview
          ? `${undoSummary(preview.counts, 'will')}.`
          : 'Checking what changed since the import…'
      }
      liveDescription
      className="undo-import-dialog"
    >
      {preview && preview.counts.kept > 0 ? (
        <section className="undo-kept" aria-labelledby="undo-kept-heading">
          <h3 id="undo-kept-heading" className="undo-kept-title">
            Kept as they are (changed since the import)
          </h3>
          <ul className="undo-kept-list" aria-label="Customers kept">
            {preview.kept.map((customer) => (
              <li key={customer.customer_id}>
                <strong>{customer.name}</strong>
                <span className="undo-kept-why">
                  {customer.reasons.join(', ')}
                  {customer.partly ? "; the import's other changes are undone" : ''}
                </span>
              </li>
            ))}
          </ul>
          {more > 0 ? <p className="undo-kept-more">and {more.toLocaleString()} more</p> : null}
        </section>
      ) : null}
      <p className="undo-import-note">
        The customers this undo removes go with their emails and phones; with sync on, the undo
        reaches your team’s laptops too.
      </p>
      <div className="dialog-actions">
        <DialogClose>
          <button className="btn" disabled={state.step === 'undoing'}>
            Cancel
          </button>
        </DialogClose>
        <button className="btn btn-danger" disabled={state.step !== 'confirm'} onClick={onConfirm}>
          {state.step === 'undoing' ? 'Undoing…' : 'Undo import'}
        </button>
      </div>
    </DialogShell>
  );
}
