import { create } from 'zustand';

export type ToastAction = { label: string; run: () => void | Promise<void> };
export type Toast = { id: number; message: string; tone: 'info' | 'error'; action?: ToastAction };

type ToastState = {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, timeoutMs?: number) => void;
  dismiss: (id: number) => void;
};

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (toast, timeoutMs = 7000) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] });
    if (timeoutMs > 0) setTimeout(() => get().dismiss(id), timeoutMs);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));

export function showToast(message: string, action?: ToastAction): void {
  useToastStore.getState().show({ message, tone: 'info', action });
}

export function showError(message: string, action?: ToastAction): void {
  useToastStore.getState().show({ message, tone: 'error', action }, 12000);
}
