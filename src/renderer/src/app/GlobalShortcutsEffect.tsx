import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useCommandStore } from '../stores/command-store';
import { COMMANDS, isTypingTarget } from './commands';

/** The one document-level key listener; the commands themselves are data (commands.ts). */
export function GlobalShortcutsEffect() {
  const navigate = useNavigate();
  const emit = useCommandStore((state) => state.emit);
  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const command = COMMANDS.find((candidate) => candidate.key === event.key);
      if (!command) return;
      event.preventDefault();
      command.perform({ navigate, emit });
    }
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, [navigate, emit]);
  return null;
}
