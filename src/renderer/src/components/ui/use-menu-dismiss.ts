import type { KeyboardEvent, RefObject } from 'react';
import { useEffect, useRef } from 'react';

/**
 * A small disclosure menu (`<details className="menu">`) closes as a menu does: Escape closes
 * it and gives the focus back to its button; a press anywhere outside closes it (a dialog
 * opened from the page never opens under a menu left open).
 */
export function useMenuDismiss(): {
  ref: RefObject<HTMLDetailsElement | null>;
  onKeyDown: (event: KeyboardEvent<HTMLDetailsElement>) => void;
} {
  const ref = useRef<HTMLDetailsElement | null>(null);
  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      const menu = ref.current;
      if (menu?.open && !menu.contains(event.target as Node)) menu.open = false;
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, []);
  function onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
    const menu = ref.current;
    // A field inside that used its Escape (a rename cancelled) keeps the menu open.
    if (event.key !== 'Escape' || event.defaultPrevented || !menu?.open) return;
    // The menu's own Escape: not also a clear of the search or of the list's selection.
    event.preventDefault();
    event.stopPropagation();
    menu.open = false;
    menu.querySelector('summary')?.focus();
  }
  return { ref, onKeyDown };
}
