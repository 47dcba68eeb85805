import { useCommandStore } from '../../stores/command-store';
import type { ActionContext } from './types';

/**
 * The context actions run in. The app shell hands over the router's navigate once mounted
 * (ActionContextEffect); before that, the hash route is set directly (HashRouter follows it).
 */
let current: ActionContext = {
  navigate: (path) => {
    window.location.hash = `#${path}`;
  },
  emit: (event) => useCommandStore.getState().emit(event),
};

export function actionContext(): ActionContext {
  return current;
}

export function setActionContext(context: ActionContext): void {
  current = context;
}
