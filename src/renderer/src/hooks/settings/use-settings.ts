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
