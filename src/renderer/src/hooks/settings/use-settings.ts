/** This computer's settings, live (db/app-settings.ts). */
import { useLiveQuery } from 'dexie-react-hooks';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import { regionFromLocale } from '../../services/crm/settings/settings-service';

/** The region national phone numbers are read in; before any choice, the OS's. */
export function useDefaultRegion(): string {
  const fallback = regionFromLocale(
    typeof navigator === 'undefined' ? undefined : navigator.language,
  );
  return (
    useLiveQuery(() => readSetting(getDb(), 'defaultRegion', fallback), [fallback]) ?? fallback
  );
}

/** The currency reports total in; null until chosen. */
export function useReportingCurrency(): string | null | undefined {
  return useLiveQuery(() => readSetting(getDb(), 'reportingCurrency'), []);
}

/**
 * Whether to ask the first-run questions: nobody is "you" on this computer yet and they were
 * not put aside. Undefined while the settings load (ask nothing yet).
 */
export function useFirstRunNeeded(ask = true): boolean | undefined {
  return useLiveQuery(async () => {
    if (!ask) return undefined;
    const db = getDb();
    const [done, me] = await Promise.all([
      readSetting(db, 'firstRunDone'),
      readSetting(db, 'currentMemberId'),
    ]);
    return !done && me === null;
  }, [ask]);
}
