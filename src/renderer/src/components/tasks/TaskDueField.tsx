import { useState } from 'react';
import { toLocalInputValue } from '../../domain/tasks/task-draft';

type Props = { dueAt: string | null; onSave: (dueAt: string | null) => Promise<string | null> };

/** A local date and time; saved when it changes to a complete value or is cleared. */
export function TaskDueField({ dueAt, onSave }: Props) {
  const [error, setError] = useState<string | null>(null);
  const value = toLocalInputValue(dueAt);
  return (
    <span className="task-due-field">
      <input
        key={value}
        className="input"
        type="datetime-local"
        aria-label="Due"
        defaultValue={value}
        aria-invalid={Boolean(error)}
        onBlur={(event) => {
          const next = event.target.value;
          if (next === value) return;
          void onSave(next ? new Date(next).toISOString() : null).then(setError);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
      {dueAt && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => void onSave(null).then(setError)}
        >
          Clear
        </button>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
