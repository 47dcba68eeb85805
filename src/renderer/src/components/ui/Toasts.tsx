import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useToastStore } from '../../stores/toast-store';
import { chooseToastPlacement, topOffset, type Box, type ToastPlacement } from './toast-placement';

const MARGIN = 16; // --space-4, the stack's gap to the window's edge (app.css)

/** The focused control and the buttons of its form or dialog: what a toast must not cover. */
function boxesInUse(region: HTMLElement): Box[] {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return [];
  if (region.contains(active)) return [];
  const scope = active.closest('form, [role="dialog"]');
  const controls = scope ? [active, ...scope.querySelectorAll('button')] : [active];
  return controls.map((element) => element.getBoundingClientRect());
}

/** The page's own navigation: its header (title, tabs, actions) and tab lists. */
const NAVIGATION = '.page-header, [role="tablist"]';

function navigationBoxes(region: HTMLElement): Box[] {
  return [...document.querySelectorAll(NAVIGATION)]
    .filter((element) => !region.contains(element))
    .map((element) => element.getBoundingClientRect())
    .filter((box) => box.width > 0 && box.height > 0);
}

type Placed = { placement: ToastPlacement; top: number };

/**
 * Bottom right, or top right (below the page's header and tabs) while the bottom would cover
 * the control in use.
 */
function usePlacement(region: RefObject<HTMLDivElement | null>, count: number): Placed {
  const [placed, setPlaced] = useState<Placed>({ placement: 'bottom', top: MARGIN });
  // Measured before the paint: a toast never shows for a frame over the control in use.
  useLayoutEffect(() => {
    if (count === 0) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const element = region.current;
      const toasts = element ? [...element.children] : [];
      if (!element || toasts.length === 0) return;
      const boxes = toasts.map((toast) => toast.getBoundingClientRect());
      const top = Math.min(...boxes.map((box) => box.top));
      const stack = {
        left: Math.min(...boxes.map((box) => box.left)),
        right: Math.max(...boxes.map((box) => box.right)),
        height: Math.max(...boxes.map((box) => box.bottom)) - top,
      };
      const input = {
        viewportHeight: window.innerHeight,
        margin: MARGIN,
        stack,
        avoid: boxesInUse(element),
        navigation: navigationBoxes(element),
      };
      const placement = chooseToastPlacement(input);
      const below = topOffset(input);
      setPlaced((was) =>
        was.placement === placement && was.top === below ? was : { placement, top: below },
      );
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    // Focus moving, the page scrolling under a fixed stack, the window resized; and a form
    // growing (a message under a field moves its buttons down).
    const events = ['focusin', 'focusout', 'input', 'click'] as const;
    for (const name of events) document.addEventListener(name, later, true);
    window.addEventListener('scroll', later, true);
    window.addEventListener('resize', later);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      for (const name of events) document.removeEventListener(name, later, true);
      window.removeEventListener('scroll', later, true);
      window.removeEventListener('resize', later);
    };
  }, [region, count]);
  return count === 0 ? { placement: 'bottom', top: MARGIN } : placed;
}

export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  const hold = useToastStore((state) => state.hold);
  const release = useToastStore((state) => state.release);
  const region = useRef<HTMLDivElement>(null);
  const { placement, top } = usePlacement(region, toasts.length);
  return (
    <div
      ref={region}
      className={`toasts${placement === 'top' ? ' toasts-top' : ''}`}
      role="region"
      aria-label="Notifications"
      data-placement={placement}
      style={placement === 'top' ? ({ '--toasts-top': `${top}px` } as CSSProperties) : undefined}
    >
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
