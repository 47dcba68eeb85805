import { run } from '../../app/actions/runner';
import { createTask } from './task-actions';
import { useState } from 'react';
import { useCurrentMemberId } from '../../hooks/team/use-team';

type Props = {
  customerId?: string | null;
  dealId?: string | null;
  /** Label of the title field, so two quick adds on a page stay distinguishable. */
  label?: string;
};

/**
 * Type a title, press Enter: the task exists, owned by you (Settings > "You are"). The due
 * time is optional and stays filled, so a run of tasks for the same day is quick to enter.
 */
export function TaskQuickAdd({ customerId = null, dealId = null, label = 'New task' }: Props) {
  const me = useCurrentMemberId();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function handleAdd() {
    const result = await run(createTask, {
      title,
      due_at: due ? new Date(due).toISOString() : null,
      customer_id: customerId,
      deal_id: dealId,
      owner_id: me,
    });
    if (!result) return;
    if (result.ok) {
      setTitle('');
      setError(null);
    } else setError(result.error);
  }

  return (
    <form
      className="task-quick-add"
      onSubmit={(event) => {
        event.preventDefault();
        void handleAdd();
      }}
    >
      <div className="field task-quick-title">
        <input
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
      <input
        className="input task-quick-due"
        type="datetime-local"
        aria-label="Due"
        value={due}
        onChange={(event) => setDue(event.target.value)}
      />
      <button className="btn" type="submit" disabled={!title.trim()}>
        Add task
      </button>
    </form>
  );
}
