import { create } from 'zustand';
import type { CommandEvent } from '../app/actions/types';

/**
 * A command waiting for the screen that handles it (app/actions/use-command-event.ts). Kept
 * until consumed, because an action may navigate first and the page mounts after the emit.
 */
type CommandState = {
  pending: CommandEvent | null;
  emit: (event: CommandEvent) => void;
  consume: () => void;
};

export const useCommandStore = create<CommandState>()((set) => ({
  pending: null,
  emit: (event) => set({ pending: event }),
  consume: () => set({ pending: null }),
}));
