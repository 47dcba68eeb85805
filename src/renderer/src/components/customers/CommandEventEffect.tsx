import { useEffect, useRef } from 'react';
import { useCommandStore } from '../../stores/command-store';

type Props = { onNewCustomer: () => void; onFocusSearch: () => void };

/** Handles keyboard commands aimed at the customer list (see app/commands.ts). */
export function CommandEventEffect({ onNewCustomer, onFocusSearch }: Props) {
  const pending = useCommandStore((state) => state.pending);
  const consume = useCommandStore((state) => state.consume);
  const handlers = useRef({ onNewCustomer, onFocusSearch });
  useEffect(() => {
    handlers.current = { onNewCustomer, onFocusSearch };
  });
  useEffect(() => {
    if (!pending) return;
    consume();
    if (pending === 'new-customer') handlers.current.onNewCustomer();
    if (pending === 'focus-search') handlers.current.onFocusSearch();
  }, [pending, consume]);
  return null;
}
