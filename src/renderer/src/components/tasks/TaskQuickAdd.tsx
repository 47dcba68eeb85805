import { run } from '../../app/actions/runner';
import { createTask } from './task-actions';
import { useRef, useState } from 'react';
import { formatDuePreview, readNaturalDue } from '../../domain/tasks/natural-due';
import { useDefaultOwnerId, useTeamMembers } from '../../hooks/team/use-team';
import { OwnerSelect } from '../ui/OwnerSelect';

type Props = {
  customerId?: string | null;
  dealId?: string | null;
  /** Who the task goes to unless changed: a customer's owner on its Tasks tab. Else you. */
  defaultAssignee?: string | null;
  /** Label of the title field, so two quick adds on a page stay distinguishable. */
  label?: string;
};

/**
 * Type a title, press Enter: the task exists, for the assignee shown (you, or the customer's
 * owner). The due time is typed as said ("tomorrow 10am") and shown as read before saving; it
 * stays filled, so a run of tasks for the same day is quick to enter, and the focus goes back
 * to the title for the next one (Enter in the due field left it there, two Shift+Tabs away).
 */
export function TaskQuickAdd({
  customerId = null,
  dealId = null,
  defaultAssignee,
  label = 'New task',
}: Props) {
  const members = useTeamMembers();
  const me = useDefaultOwnerId(members) ?? null;
  const [title, setTitle] = useState('');
  const titleField = useRef<HTMLInputElement>(null);
  const [due, setDue] = useState('');
  // undefined: not chosen here, so it follows the default (which may load after the form).
  const [assignee, setAssignee] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const reading = readNaturalDue(due, new Date());
  const owner = assignee !== undefined ? assignee : (defaultAssignee ?? me);

  async function handleAdd() {
    if (reading.kind === 'unreadable') return;
    const result = await run(createTask, {
      title,
      due_at: reading.kind === 'date' ? reading.at.toISOString() : null,
      customer_id: customerId,
      deal_id: dealId,
      owner_id: owner,
    });
    if (!result) return;
    if (result.ok) {
      setTitle('');
      setError(null);
      titleField.current?.focus();
    } else setError(result.error);
  }

  return (
    <form
      className="task-quick-add"
      aria-label="Add a task"
      onSubmit={(event) => {
        event.preventDefault();
        void handleAdd();
      }}
    >
      <div className="field task-quick-title">
        <input
          ref={titleField}
          className="input"
          aria-label={label}
          placeholder="Add a task and press Enter"
          value={title}
          aria-invalid={Boolean(error)}
          onChange={(event) => setTitle(event.target.value)}
        />
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <OwnerSelect
        aria-label="Assign to"
        className="select task-quick-assignee"
        members={members.filter((member) => member.active === 1 || member.id === owner)}
        noneLabel="Nobody"
        value={owner}
        onChoose={setAssignee}
      />
      <div className="field task-quick-due">
        <input
          className="input"
          aria-label="Due"
          placeholder="Due: tomorrow 10am"
          value={due}
          aria-invalid={reading.kind === 'unreadable'}
          aria-describedby="task-quick-due-reading"
          onChange={(event) => setDue(event.target.value)}
        />
        <span
          id="task-quick-due-reading"
          className={reading.kind === 'unreadable' ? 'field-error' : 'field-hint'}
          aria-live="polite"
        >
          {reading.kind === 'date'
            ? formatDuePreview(reading.at)
            : reading.kind === 'unreadable'
              ? reading.message
              : 'No due date'}
        </span>
      </div>
      <button
        className="btn"
        type="submit"
        disabled={!title.trim() || reading.kind === 'unreadable'}
      >
        Add task
      </button>
    </form>
  );
}
