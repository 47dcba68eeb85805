import { useCallback, useRef, useState } from 'react';

/**
 * The width in CSS pixels of the element given the returned ref, following resizes (the
 * window, the sidebar). A callback ref: the element may mount after the component does.
 */
export function useElementWidth(initial = 1200): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    setWidth(element.clientWidth);
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.current.observe(element);
  }, []);
  return [ref, width];
}
