import { useState } from 'react';
import { DialogClose, DialogShell } from '../ui/DialogShell';

type Props = {
  mode: 'tag' | 'untag' | null;
  count: number;
  tags: readonly string[];
  onClose(): void;
  onApply(mode: 'tag' | 'untag', tag: string): void;
};

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

/** Asks which tag to add to, or take off, the selected customers; known tags are suggested. */
export function BulkTagDialog({ mode, count, tags, onClose, onApply }: Props) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState('');
  const verb = mode === 'untag' ? 'Remove tag from' : 'Tag';

  function submit() {
    if (!mode) return;
    if (tag.trim() === '') {
      setError('Type a tag');
      return;
    }
    onApply(mode, tag.trim());
    setTag('');
    setError('');
  }

  return (
    <DialogShell
      open={mode !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`${verb} ${plural(count)}`}
    >
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field-label">Tag</span>
          <input
            className="input"
            list="bulk-tag-options"
            value={tag}
            autoFocus
            aria-invalid={error !== ''}
            aria-describedby={error ? 'bulk-tag-error' : undefined}
            onChange={(event) => setTag(event.target.value)}
          />
          <datalist id="bulk-tag-options">
            {tags.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
          <span id="bulk-tag-error" className="field-error" role="alert">
            {error}
          </span>
        </label>
        <div className="dialog-actions">
          <DialogClose>
            <button type="button" className="btn">
              Cancel
            </button>
          </DialogClose>
          <button type="submit" className="btn btn-primary">
            {mode === 'untag' ? 'Remove tag' : 'Add tag'}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
