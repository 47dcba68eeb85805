import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** About two seconds of frames: long enough for a page that reads its record first. */
const FRAMES_TO_WAIT = 120;

/**
 * After a route change that left the focus nowhere (what had it was unmounted: the
 * new-customer dialog that opened its customer, a list row opened with Enter, a link of the
 * page left behind), the new page's heading takes it. The next Tab is then on that page, not
 * at the top of the sidebar (ten links away), and a screen reader says where you are. Focus
 * put somewhere on purpose (a field, a dialog, the search) is left alone; the first page
 * shown is too.
 */
export function RouteFocusEffect() {
  const { pathname } = useLocation();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const first = shown.current === null;
    shown.current = pathname;
    if (first) return;
    let frame = 0;
    let frames = 0;
    const attempt = () => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const heading = document.querySelector<HTMLElement>('.main h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
        return;
      }
      frames += 1;
      if (frames < FRAMES_TO_WAIT) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  return null;
}
