import { memo, useState } from 'react';
import { run } from '../../app/actions/runner';
import { exportCustomersCsv } from '../../app/csv-export';
import type { BulkChange } from '../../domain/customers/bulk-change';
import { defaultExportGroups } from '../../domain/export/export-columns';
import { LIFECYCLE_STAGES } from '../../domain/records';
import type { Lifecycle, TeamMember } from '../../domain/records';
import { errorText } from '../../domain/result';
import { useCustomerSelectionStore } from '../../stores/customers/customer-selection-store';
import { showError, showToast } from '../../stores/toast-store';
import { BulkTagDialog } from './BulkTagDialog';
import { bulkEditCustomers } from './customer-bulk-actions';
import { LIFECYCLE_LABELS } from './LifecycleBadge';

type Props = {
  /** How many customers the list's query matches, for "Select all N matches". */
  matchCount: number;
  members: readonly TeamMember[];
  tags: readonly string[];
  onSelectAllMatches(): void;
};

/** The choice meaning "clear the owner" (the empty value is the placeholder). */
const NO_OWNER = '-';

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

/**
 * What can be done to the selected customers: tag, untag, owner, stage, export, delete. Shown
 * while a row is selected; every change is one action with one Undo for all of them.
 * Memoized: a keystroke renders the page, not the bar (its props change with the answer).
 */
export const CustomerBulkBar = memo(function CustomerBulkBar({
  matchCount,
  members,
  tags,
  onSelectAllMatches,
}: Props) {
  const selected = useCustomerSelectionStore((state) => state.selection.ids);
  const clear = useCustomerSelectionStore((state) => state.clear);
  const [tagMode, setTagMode] = useState<'tag' | 'untag' | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = [...selected];

  async function change(bulk: BulkChange, label?: string) {
    setBusy(true);
    const outcome = await run(bulkEditCustomers, { ids, change: bulk, label });
    setBusy(false);
    if (outcome?.ok && bulk.kind === 'delete') clear();
  }

  async function exportSelection() {
    setBusy(true);
    try {
      const outcome = await exportCustomersCsv({ kind: 'ids', ids }, defaultExportGroups());
      if (outcome.status === 'saved')
        showToast(`Exported ${plural(outcome.rows)} to ${outcome.location}`);
    } catch (error) {
      showError(`The export could not be written: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  }

  if (selected.size === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected customers">
      <span className="bulk-count" aria-live="polite">
        {selected.size.toLocaleString()} selected
      </span>
      {selected.size < matchCount && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onSelectAllMatches}>
          Select all {matchCount.toLocaleString()}
        </button>
      )}
      <fieldset className="bulk-actions" disabled={busy}>
        <button type="button" className="btn btn-small" onClick={() => setTagMode('tag')}>
          Tag…
        </button>
        <button type="button" className="btn btn-small" onClick={() => setTagMode('untag')}>
          Untag…
        </button>
        <select
          className="select select-small"
          aria-label="Set owner"
          value=""
          onChange={(event) => {
            const ownerId = event.target.value === NO_OWNER ? null : event.target.value;
            const name = members.find((member) => member.id === ownerId)?.name;
            void change({ kind: 'owner', ownerId }, name);
          }}
        >
          <option value="" disabled>
            Set owner…
          </option>
          <option value={NO_OWNER}>No owner</option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        <select
          className="select select-small"
          aria-label="Set stage"
          value=""
          onChange={(event) => {
            const lifecycle = event.target.value as Lifecycle;
            void change({ kind: 'lifecycle', lifecycle }, LIFECYCLE_LABELS[lifecycle]);
          }}
        >
          <option value="" disabled>
            Set stage…
          </option>
          {LIFECYCLE_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {LIFECYCLE_LABELS[stage]}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-small" onClick={() => void exportSelection()}>
          Export
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => void change({ kind: 'delete' })}
        >
          Delete
        </button>
      </fieldset>
      <button type="button" className="btn btn-ghost btn-small" onClick={clear}>
        Clear selection
      </button>
      <BulkTagDialog
        mode={tagMode}
        count={selected.size}
        tags={tags}
        onClose={() => setTagMode(null)}
        onApply={(mode, tag) => {
          setTagMode(null);
          void change({ kind: mode, tag });
        }}
      />
    </div>
  );
});
