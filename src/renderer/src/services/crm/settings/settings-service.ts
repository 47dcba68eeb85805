/** Local, per-device settings (app_settings, not synced). */
import type { CrmDatabase } from '../../../db/database';
import { isRegionCode } from '../../../domain/contact-points';

export const SETTING_KEYS = {
  defaultRegion: 'default_region',
  currentMemberId: 'current_member_id',
} as const;

/** Before the user chooses, national numbers are read in the region the OS reports. */
export function regionFromLocale(locale: string | undefined): string {
  const region = locale?.split(/[-_]/)[1]?.toUpperCase();
  return region && isRegionCode(region) ? region : 'US';
}

export function createSettingsService(db: CrmDatabase) {
  return {
    async setDefaultRegion(region: string): Promise<void> {
      if (!isRegionCode(region)) throw new Error(`${region} is not a region libphonenumber knows`);
      await db.app_settings.put({ key: SETTING_KEYS.defaultRegion, value: region });
    },
    async setCurrentMember(memberId: string | null): Promise<void> {
      await db.app_settings.put({ key: SETTING_KEYS.currentMemberId, value: memberId });
    },
  };
}

export async function readSetting<T>(db: CrmDatabase, key: string, fallback: T): Promise<T> {
  const entry = await db.app_settings.get(key);
  return entry === undefined ? fallback : (entry.value as T);
}
