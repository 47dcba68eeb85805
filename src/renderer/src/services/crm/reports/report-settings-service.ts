/**
 * The reporting currency and the dated exchange rates (per device, app_settings): what the
 * Settings page writes. A rate set with problems is refused in words and nothing is saved.
 */
import type { CrmDatabase } from '../../../db/database';
import { readSetting, writeSetting } from '../../../db/app-settings';
import { isCurrencyCode } from '../../../domain/deals/money';
import { newId } from '../../../domain/ids';
import type { ExchangeRateSet } from '../../../domain/reports/exchange-rates';
import { rateSetProblems } from '../../../domain/reports/exchange-rates';
import type { Result } from '../../../domain/result';
import { fail, ok } from '../../../domain/result';

export type RateSetDraft = Omit<ExchangeRateSet, 'id'> & { id?: string };

/** Sets the reporting currency (an ISO 4217 code), or null for per-currency figures only. */
export async function setReportingCurrency(
  db: CrmDatabase,
  code: string | null,
): Promise<Result<void, string>> {
  const value = code === null ? null : code.trim().toUpperCase();
  if (value !== null && !isCurrencyCode(value))
    return fail(`${code} is not a currency code (three letters, like EUR)`);
  await writeSetting(db, 'reportingCurrency', value);
  return ok();
}

/** Adds a rate set, or replaces the one with the same id. */
export async function saveRateSet(
  db: CrmDatabase,
  draft: RateSetDraft,
): Promise<Result<ExchangeRateSet, string[]>> {
  const set: ExchangeRateSet = {
    id: draft.id ?? newId(),
    date: draft.date.trim(),
    base: draft.base.trim().toUpperCase(),
    rates: Object.fromEntries(
      Object.entries(draft.rates).map(([code, rate]) => [
        code.trim().toUpperCase(),
        typeof rate === 'string' ? rate.trim() : rate,
      ]),
    ),
  };
  const problems = rateSetProblems(set);
  if (Object.keys(set.rates).length === 0) problems.push('Add at least one rate');
  if (problems.length > 0) return fail(problems);
  await db.transaction('rw', db.app_settings, async () => {
    const sets = await readSetting(db, 'exchangeRates');
    await writeSetting(db, 'exchangeRates', [...sets.filter((s) => s.id !== set.id), set]);
  });
  return ok(set);
}

export async function removeRateSet(db: CrmDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.app_settings, async () => {
    const sets = await readSetting(db, 'exchangeRates');
    await writeSetting(
      db,
      'exchangeRates',
      sets.filter((s) => s.id !== id),
    );
  });
}

export function createReportSettingsService(db: CrmDatabase) {
  return {
    setReportingCurrency: (code: string | null) => setReportingCurrency(db, code),
    saveRateSet: (draft: RateSetDraft) => saveRateSet(db, draft),
    removeRateSet: (id: string) => removeRateSet(db, id),
  };
}
