import type { InputHTMLAttributes, ReactNode } from 'react';

type Props = {
  /** The row's inputs. */
  children: ReactNode;
  /** The "Primary" radio's own props (name, value, react-hook-form's register). */
  primary: InputHTMLAttributes<HTMLInputElement>;
  /** Read by screen readers: "Email 2 is primary". */
  primaryLabel: string;
  removeLabel: string;
  onRemove(): void;
};

/** One row of a repeated group in a form (emails, phones): its inputs, Primary, and ×. */
export function RepeatRow({ children, primary, primaryLabel, removeLabel, onRemove }: Props) {
  return (
    <div className="repeat-row">
      {children}
      <label className="checkbox" title={primaryLabel}>
        <input type="radio" aria-label={primaryLabel} {...primary} /> Primary
      </label>
      <button type="button" className="btn btn-ghost" aria-label={removeLabel} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
