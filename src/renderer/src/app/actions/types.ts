/**
 * Actions as data (in the spirit of Excalidraw's actions): every user action the app offers,
 * a write or a jump, is one of these. The keyboard, the Electron menu and the command palette
 * read the same list (registry.ts); one runner (runner.ts) turns every outcome into the same
 * feedback: refusals and failures in words, a full disk with its backup export, undo toasts.
 */
import type { Result } from '../../domain/result';

/** Page-level commands a screen handles once it is shown (stores/command-store.ts). */
export type CommandEvent = 'new-customer' | 'focus-search' | 'new-deal';

export type ActionContext = {
  navigate(path: string): void;
  /** Asks the screen that handles it to act (after navigating to it, usually). */
  emit(event: CommandEvent): void;
};

/** What a successful action may ask the runner to say, and how to take it back. */
export type Undo = {
  run(): Promise<Result<unknown, unknown> | void>;
  /** Said once the undo worked, e.g. "Restored Ana Lima". */
  done?: string;
};

export type Outcome<T = unknown, E = unknown> = Result<T, E> & {
  /** Said in a toast when the action succeeded. */
  message?: string;
  /** Offered as an Undo button on that toast. */
  undo?: Undo;
};

export type Action<P = void, T = unknown, E = unknown> = {
  /** Stable: the Electron menu and the palette name actions by it. */
  id: string;
  label: string;
  /** Single keys that run it while no text field or dialog has focus. */
  keys?: readonly string[];
  /** One word for the sidebar's shortcut hint. */
  hint?: string;
  /**
   * Its key opens a form or a field: what is typed before that field has the focus is kept
   * for it, not lost or run as shortcuts (typed-ahead.ts).
   */
  holdsTyping?: boolean;
  /** Its refusals are shown beside the field that caused them, not in a toast. */
  inline?: boolean;
  enabled?(context: ActionContext): boolean;
  perform(params: P, context: ActionContext): Promise<Outcome<T, E>> | Outcome<T, E>;
};

/** An action that needs nothing but the context: the keyboard, menu and palette run these. */
export type GlobalAction = Action<void>;
