/**
 * Starts the one-time fill of older list rows' origins (origin-backfill.ts) a while after the
 * first screen, so it never competes with the start; a failure leaves it for the next start.
 */
import { useEffect } from 'react';
import { afterFirstScreen } from '../../app/first-screen';
import { crm } from '../../services/registry';

/** After the start's own reads (the search index, the duplicates scan) have had their turn. */
const AFTER_FIRST_SCREEN_MS = 20_000;

export function OriginBackfillEffect() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    void afterFirstScreen().then(() => {
      if (!live) return;
      timer = setTimeout(
        () =>
          void crm()
            .origins.fill()
            .catch(() => undefined),
        AFTER_FIRST_SCREEN_MS,
      );
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return null;
}
