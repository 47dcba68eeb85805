/** Local, per-device settings (app_settings, not synced): the writes the Settings page makes. */
import type { CrmDatabase } from '../../../db/database';
import { writeSetting } from '../../../db/app-settings';
import { isRegionCode } from '../../../domain/phone-display';
import { isCurrencyCode } from '../../../domain/deals/money';
import { completeFirstRun, type FirstRunAnswers } from './first-run';
import { normalizeColumns } from '../../../domain/customers/list-columns';

/** Before the user chooses, national numbers are read in the region the OS reports. */
export function regionFromLocale(locale: string | undefined): string {
  const region = locale?.split(/[-_]/)[1]?.toUpperCase();
  return region && isRegionCode(region) ? region : 'US';
}

export function createSettingsService(db: CrmDatabase) {
  return {
    async setDefaultRegion(region: string): Promise<void> {
      if (!isRegionCode(region)) throw new Error(`${region} is not a region libphonenumber knows`);
      await writeSetting(db, 'defaultRegion', region);
    },
    /** The customer list's columns; unknown ids are dropped, the name always stays. */
    async setCustomerColumns(columns: readonly string[]): Promise<void> {
      await writeSetting(db, 'customerColumns', normalizeColumns(columns));
    },
    async setCurrentMember(memberId: string | null): Promise<void> {
      await writeSetting(db, 'currentMemberId', memberId);
    },
    async setReportingCurrency(currency: string): Promise<void> {
      if (!isCurrencyCode(currency)) throw new Error(`${currency} is not a currency code`);
      await writeSetting(db, 'reportingCurrency', currency);
    },
    completeFirstRun: (answers: FirstRunAnswers) => completeFirstRun(db, answers),
    /** "Not now": the questions are not asked again; Settings holds each answer. */
    async skipFirstRun(): Promise<void> {
      await writeSetting(db, 'firstRunDone', true);
    },
  };
}
