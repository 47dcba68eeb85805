import { create } from 'zustand';
import type { CommandEvent } from '../app/commands';

/**
 * A command waiting for the screen that handles it. Kept until consumed, because a command
 * may navigate first and the handling page mounts after the event was emitted.
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
