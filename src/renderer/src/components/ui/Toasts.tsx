import { useToastStore } from '../../stores/toast-store';

export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  const hold = useToastStore((state) => state.hold);
  const release = useToastStore((state) => state.release);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast ${toast.tone === 'error' ? 'toast-error' : ''}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          // Kept while pointed at or focused (its Undo within reach), then the time it had left.
          onMouseEnter={() => hold(toast.id)}
          onMouseLeave={() => release(toast.id)}
          onFocus={() => hold(toast.id)}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null))
              release(toast.id);
          }}
        >
          <span>{toast.message}</span>
          {toast.action && (
            <button
              className="btn btn-small"
              onClick={() => {
                dismiss(toast.id);
                void toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            className="btn btn-ghost btn-small"
            aria-label="Dismiss notification"
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
