import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { useBulkMergePlan } from '../../hooks/duplicates/use-duplicates';
import { DialogClose, DialogShell } from '../ui/DialogShell';
import { mergeAllHighAction } from './duplicate-actions';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Merge all high-confidence pairs": the preview of what it does, then one undoable action. */
export function MergeAllButton() {
  const plan = useBulkMergePlan();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const groups = plan?.groups.length ?? 0;

  async function confirm() {
    setBusy(true);
    await run(mergeAllHighAction);
    setBusy(false);
    setOpen(false);
  }

  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!plan || groups === 0}
        onClick={() => setOpen(true)}
      >
        Merge all high-confidence pairs{plan ? ` (${groups})` : ''}
      </button>
      <DialogShell
        open={open}
        onOpenChange={setOpen}
        title="Merge all high-confidence pairs?"
        description={
          plan
            ? `${plural(plan.mergedAway, 'customer')} will be merged into ${plural(groups, 'other')}, keeping every email, phone, touchpoint, task and deal role. One Undo takes it all back.`
            : 'Counting…'
        }
      >
        {plan && plan.skipped.length > 0 && (
          <p className="field-hint">
            {plural(plan.skipped.length, 'group')} left for you to review (dates of birth disagree,
            or more than five customers).
          </p>
        )}
        <div className="dialog-actions">
          <DialogClose>Cancel</DialogClose>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || groups === 0}
            onClick={() => void confirm()}
          >
            {busy ? 'Merging…' : `Merge ${plural(plan?.mergedAway ?? 0, 'customer')}`}
          </button>
        </div>
      </DialogShell>
    </>
  );
}
