import { useEffect } from 'react';
import { getPlatform } from '../../platform';
import { showError } from '../../stores/toast-store';

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The desktop app's daily backup: checked a minute after start-up (not competing with the
 * first screen) and every hour after, written when the newest backup is a day old.
 */
export function AutoBackupEffect() {
  useEffect(() => {
    if (!getPlatform().backups) return;
    // The backup code loads with the first check, a minute in: not on the start path.
    const run = () =>
      void import('../../app/backup-schedule')
        .then(({ runDailyBackupIfDue }) => runDailyBackupIfDue())
        .catch((error: unknown) =>
          showError(
            `The daily backup could not be written: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    const first = setTimeout(run, FIRST_CHECK_MS);
    const every = setInterval(run, CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, []);
  return null;
}
