import { errorText, type Result } from '../../domain/result';
import { showError, showToast } from '../../stores/toast-store';
import { exportRescueBackup } from '../rescue-export';
import { describeStorageError, isQuotaError } from '../storage-errors';
import { actionContext } from './context';
import type { Action, Outcome, Undo } from './types';

/** Failures become words the user sees, never a silent console error; a full disk offers the backup. */
function reportThrown(error: unknown): void {
  if (isQuotaError(error))
    showError(describeStorageError(error).title + ': nothing was saved.', {
      label: 'Export backup',
      run: exportRescueBackup,
    });
  else showError(errorText(error));
}

async function runUndo(undo: Undo): Promise<void> {
  try {
    const result = (await undo.run()) as Result<unknown, unknown> | undefined;
    if (result && !result.ok) showError(errorText(result.error));
    else if (undo.done) showToast(undo.done);
  } catch (error) {
    reportThrown(error);
  }
}

/**
 * Runs an action: the one place user actions get their feedback. A refusal is said in a
 * toast (or left to the field that shows it, for `inline` actions), a throw (a bug, a broken
 * invariant, a full disk) is said the same way, a success says its message with Undo when it
 * can be taken back. Resolves to the action's result, or null when it threw or was disabled.
 */
export async function run<P, T, E>(
  action: Action<P, T, E>,
  ...params: P extends void ? [] : [P]
): Promise<Outcome<T, E> | null> {
  const context = actionContext();
  if (action.enabled && !action.enabled(context)) return null;
  let outcome: Outcome<T, E>;
  try {
    outcome = await action.perform(params[0] as P, context);
  } catch (error) {
    reportThrown(error);
    return null;
  }
  if (!outcome.ok) {
    if (!action.inline) showError(errorText(outcome.error));
  } else if (outcome.message) {
    const undo = outcome.undo;
    showToast(outcome.message, undo ? { label: 'Undo', run: () => runUndo(undo) } : undefined);
  }
  return outcome;
}

/**
 * Runs an action whose outcome the caller shows where it was asked for, inside a dialog: no
 * toast, success or refusal (a toast would appear behind the dialog's overlay, out of reach:
 * restore's "Back up now" did). A throw comes back as a refusal with its words; a full disk
 * still offers the backup export, which the dialog cannot.
 */
export async function runInPlace<P, T, E>(
  action: Action<P, T, E>,
  ...params: P extends void ? [] : [P]
): Promise<Outcome<T, E | string> | null> {
  const context = actionContext();
  if (action.enabled && !action.enabled(context)) return null;
  try {
    return await action.perform(params[0] as P, context);
  } catch (error) {
    if (isQuotaError(error)) reportThrown(error);
    return { ok: false, error: errorText(error) };
  }
}
