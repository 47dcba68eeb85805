/** The reporting currency and the exchange rate sets, live (db/app-settings.ts). */
import { useLiveQuery } from 'dexie-react-hooks';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { ExchangeRateSet } from '../../domain/reports/exchange-rates';

export type ReportSettingsView = { reportingCurrency: string | null; rateSets: ExchangeRateSet[] };

export function useReportSettings(): ReportSettingsView | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [reportingCurrency, rateSets] = await Promise.all([
      readSetting(db, 'reportingCurrency'),
      readSetting(db, 'exchangeRates'),
    ]);
    // Newest first, as the rates in force are looked up.
    return {
      reportingCurrency,
      rateSets: [...rateSets].sort((a, b) => (a.date < b.date ? 1 : -1)),
    };
  }, []);
}
