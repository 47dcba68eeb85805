import { useState } from 'react';

type Props = {
  label: string;
  value: string;
  /** How the saved value reads (a date in words); the value itself is what editing starts from. */
  display?: string | undefined;
  placeholder?: string;
  multiline?: boolean;
  /** Resolves to an error message to show, or null when saved. */
  onSave: (next: string) => Promise<string | null>;
};

/**
 * Click (or Enter) to edit in place; Enter or leaving the field saves, Escape cancels.
 * A refused value stays in the field with its message, so nothing typed is lost.
 */
export function InlineText({
  label,
  value,
  display,
  placeholder = 'Empty',
  multiline,
  onSave,
}: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function commit() {
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      return;
    }
    const problem = await onSave(draft);
    setError(problem);
    if (!problem) setDraft(null);
  }

  if (draft === null) {
    return (
      <button
        type="button"
        className={`inline-edit ${value ? '' : 'inline-edit-empty'}`}
        // The name holds the text shown (the placeholder when empty), as speech input needs.
        aria-label={`${label}: ${display ?? (value || placeholder)}. Edit`}
        onClick={() => setDraft(value)}
      >
        <span className={multiline ? 'inline-text-multiline' : undefined}>
          {display ?? (value || placeholder)}
        </span>
      </button>
    );
  }
  const shared = {
    className: multiline ? 'textarea' : 'input',
    'aria-label': label,
    'aria-invalid': Boolean(error),
    autoFocus: true,
    value: draft,
    onBlur: () => void commit(),
  };
  return (
    <div className="field">
      {multiline ? (
        <textarea
          {...shared}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void commit();
          }}
        />
      ) : (
        <input
          {...shared}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
            if (event.key === 'Enter') void commit();
          }}
        />
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
