/**
 * The one result shape of every service call that can be refused: a refusal the user can act
 * on (an invalid field, a taken email, a move the status rules forbid) is a value, not a throw.
 * Throws stay for programmer errors and broken invariants; the action runner shows both the
 * same way (app/actions/runner.ts).
 */
export type Ok<T> = { ok: true; value: T };
export type Fail<E> = { ok: false; error: E };
export type Result<T = void, E = string> = Ok<T> | Fail<E>;

/** Errors keyed by the field they belong to, for forms that show each one inline. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export function ok(): Ok<void>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

export function fail<E>(error: E): Fail<E> {
  return { ok: false, error };
}

/** The words of an error of any shape: a string, an object with a message, field errors. */
export function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    const first = Object.values(error).find((value) => typeof value === 'string');
    if (typeof first === 'string') return first;
  }
  return String(error);
}
