import type { RefObject } from 'react';
import { useEffect, useState } from 'react';

/**
 * True once the element has come within `margin` pixels of the viewport, and from then on.
 * The dashboard draws a chart only then: thirty charts drawn at once (recharts, then) held the main
 * thread for seconds on a loaded laptop, while a manager sees two or three at a time. Where
 * IntersectionObserver is missing, everything is drawn at once.
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = 400): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${margin}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near, margin]);
  return near;
}
