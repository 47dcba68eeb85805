import { create } from 'zustand';

/** Whether the command palette is open: opened by Ctrl/Cmd+K, the menu or the action. */
type PaletteState = { open: boolean; setOpen(open: boolean): void };

export const usePaletteStore = create<PaletteState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
