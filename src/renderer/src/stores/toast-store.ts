import { create } from 'zustand';

export type ToastAction = { label: string; run: () => void | Promise<void> };
export type Toast = { id: number; message: string; tone: 'info' | 'error'; action?: ToastAction };

type ToastState = {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, timeoutMs?: number) => void;
  dismiss: (id: number) => void;
  /**
   * Keeps a toast while the pointer is on it or the focus in it: its Undo must not vanish
   * while someone reaches for it (a keyboard user tabs through the page to get there).
   */
  hold: (id: number) => void;
  /** Lets a held toast go: it stays the time it had left, and never less than a moment. */
  release: (id: number) => void;
};

/** The least time a released toast stays, so it does not vanish under the pointer leaving. */
export const RELEASED_MIN_MS = 2000;

let nextId = 1;

/** Each shown toast's timer: when it runs out, or what was left while it is held. */
const timers = new Map<
  number,
  { timer: ReturnType<typeof setTimeout> | null; endsAt: number; left: number }
>();

export const useToastStore = create<ToastState>()((set, get) => {
  const start = (id: number, ms: number) => {
    timers.set(id, {
      timer: setTimeout(() => get().dismiss(id), ms),
      endsAt: Date.now() + ms,
      left: ms,
    });
  };
  return {
    toasts: [],
    show: (toast, timeoutMs = 7000) => {
      const id = nextId++;
      const kept = get().toasts.slice(-3);
      for (const gone of get().toasts.filter((shown) => !kept.includes(shown))) {
        const entry = timers.get(gone.id);
        if (entry?.timer) clearTimeout(entry.timer);
        timers.delete(gone.id);
      }
      set({ toasts: [...kept, { ...toast, id }] });
      if (timeoutMs > 0) start(id, timeoutMs);
    },
    dismiss: (id) => {
      const entry = timers.get(id);
      if (entry?.timer) clearTimeout(entry.timer);
      timers.delete(id);
      set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
    },
    hold: (id) => {
      const entry = timers.get(id);
      if (!entry?.timer) return;
      clearTimeout(entry.timer);
      timers.set(id, { timer: null, endsAt: 0, left: Math.max(0, entry.endsAt - Date.now()) });
    },
    release: (id) => {
      const entry = timers.get(id);
      if (!entry || entry.timer) return;
      start(id, Math.max(entry.left, RELEASED_MIN_MS));
    },
  };
});

export function showToast(message: string, action?: ToastAction): void {
  useToastStore.getState().show({ message, tone: 'info', action });
}

export function showError(message: string, action?: ToastAction): void {
  useToastStore.getState().show({ message, tone: 'error', action }, 12000);
}
