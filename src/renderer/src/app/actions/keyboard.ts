import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useCommandStore } from '../../stores/command-store';
import { setActionContext } from './context';
import { usePaletteStore } from './palette-store';
import { GLOBAL_ACTIONS } from './registry';
import { run } from './runner';
import { holding, holdKey, holdTyping, releaseInto, stopHolding } from './typed-ahead';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl+K on Windows and Linux, Cmd+K on macOS, from anywhere, text fields included. */
export function isPaletteKey(event: KeyboardEvent): boolean {
  return event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey;
}

/**
 * The one document-level key listener, and the router handed to actions. Single-key actions
 * run while no text field has focus and no dialog is open; Ctrl/Cmd+K opens the palette.
 */
export function ActionKeysEffect() {
  const navigate = useNavigate();
  const emit = useCommandStore((state) => state.emit);
  useEffect(() => {
    setActionContext({ navigate: (path) => void navigate(path), emit });
  }, [navigate, emit]);
  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (isPaletteKey(event)) {
        event.preventDefault();
        usePaletteStore.getState().setOpen(true);
        return;
      }
      // Typed after "c" before its form is there: kept for its first field (typed-ahead.ts).
      if (holdKey(event, Date.now(), isTypingTarget(event.target))) {
        event.preventDefault();
        return;
      }
      // Tab or Enter in the field before the held keys went in: they go in first.
      if (holding() && isTypingTarget(event.target)) releaseInto(event.target);
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const action = GLOBAL_ACTIONS.find((candidate) => candidate.keys?.includes(event.key));
      if (!action) return;
      event.preventDefault();
      if (action.holdsTyping) holdTyping();
      void run(action);
    }
    // The field is focused while its form mounts, and the form may still set its value after
    // (react-hook-form's defaults): the held keys go in once that is done, after a frame; keys
    // typed meanwhile are held too, so they keep their order.
    function handleFocusIn(event: FocusEvent) {
      if (!holding() || !isTypingTarget(event.target)) return;
      const field = event.target;
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (document.activeElement === field) releaseInto(field);
        }),
      );
    }
    document.addEventListener('keydown', handleKeyDown);
    document.addEventListener('focusin', handleFocusIn);
    document.addEventListener('pointerdown', stopHolding);
    return () => {
      document.removeEventListener('keydown', handleKeyDown);
      document.removeEventListener('focusin', handleFocusIn);
      document.removeEventListener('pointerdown', stopHolding);
    };
  }, []);
  return null;
}
