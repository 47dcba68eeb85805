import { ok, type Result } from '../../domain/result';
import type { Action, ActionContext, Outcome } from './types';

type Perform<P, T, E> = (
  params: P,
  context: ActionContext,
) => Promise<Outcome<T, E> | Result<T, E> | void> | Outcome<T, E> | void;

/**
 * Declares an action from what it does. A service call that returns nothing (it throws when
 * it cannot) counts as done; one that returns a Result passes it on.
 */
export function defineAction<P = void, T = void, E = string>(
  spec: Omit<Action<P, T, E>, 'perform'> & { perform: Perform<P, T, E> },
): Action<P, T, E> {
  return {
    ...spec,
    async perform(params, context) {
      const outcome = await spec.perform(params, context);
      return (outcome ?? ok()) as Outcome<T, E>;
    },
  };
}
