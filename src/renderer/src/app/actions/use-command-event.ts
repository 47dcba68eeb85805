import { useEffect, useRef } from 'react';
import { useCommandStore } from '../../stores/command-store';
import type { CommandEvent } from './types';

/**
 * Runs `handler` when an action asks this screen to act (e.g. "new-customer" opens the
 * dialog). The event waits in the store until a screen takes it: an action may navigate
 * first, and the screen mounts after the event was emitted.
 */
export function useCommandEvent(event: CommandEvent, handler: () => void): void {
  const pending = useCommandStore((state) => state.pending);
  const consume = useCommandStore((state) => state.consume);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (pending !== event) return;
    consume();
    latest.current();
  }, [pending, event, consume]);
}
