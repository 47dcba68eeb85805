import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useCommandStore } from '../../stores/command-store';
import { setActionContext } from './context';
import { usePaletteStore } from './palette-store';
import { GLOBAL_ACTIONS } from './registry';
import { run } from './runner';

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
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const action = GLOBAL_ACTIONS.find((candidate) => candidate.keys?.includes(event.key));
      if (!action) return;
      event.preventDefault();
      void run(action);
    }
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, []);
  return null;
}
