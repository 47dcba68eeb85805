import type { ReactNode } from 'react';
import { useId } from 'react';

type Props = {
  label: string;
  error?: string | undefined;
  hint?: string;
  hideLabel?: boolean;
  /**
   * Keep one line for the error even while there is none, so an error appearing on blur
   * moves nothing below it (a button being pressed at that moment would lose its click).
   */
  reserveError?: boolean;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
};

/** A labelled control whose error is announced with it (aria-describedby), never only by colour. */
export function Field({ label, error, hint, hideLabel, reserveError, children }: Props) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <span
          id={`${id}-error`}
          className={reserveError ? 'field-error field-error-slot' : 'field-error'}
          role="alert"
          title={reserveError ? error : undefined}
        >
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : reserveError ? (
        <span className="field-error-slot" aria-hidden="true" />
      ) : null}
    </div>
  );
}
