/**
 * Every per-device setting (table app_settings, never synced), declared once with its key,
 * its type and the value it has before anyone sets it. Services, hooks and the sync client
 * read and write settings through this registry, never through a key string of their own.
 */
import type { CrmDatabase } from './database';
import type { ExchangeRateSet } from '../domain/reports/exchange-rates';

/** The last backup that finished. */
export type LastBackup = { at: string; location: string; reason: string };
export type SyncSettings = { enabled: boolean; serverUrl: string };
/** Task id -> the due time a reminder was shown for. */
export type NotifiedReminders = Record<string, string>;

type Setting<T> = {
  key: string;
  fallback: T;
  /** The stored value as T, or undefined when it is not one (then the fallback is used). */
  parse(stored: unknown): T | undefined;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const SETTINGS = {
  /** National phone numbers are read in this region (a region code, "US"). */
  defaultRegion: { key: 'default_region', fallback: 'US', parse: text } as Setting<string>,
  /** The team member using this computer: tasks they add are theirs. */
  currentMemberId: {
    key: 'current_member_id',
    fallback: null,
    parse: (value) =>
      typeof value === 'string' && value ? value : value === null ? null : undefined,
  } as Setting<string | null>,
  /**
   * The currency reports total in (ISO 4217, "EUR"); null until chosen (first run or
   * Settings). Shared with the reports feature, which converts other currencies into it.
   */
  reportingCurrency: {
    key: 'reporting_currency',
    fallback: null,
    parse: (value) =>
      typeof value === 'string' && /^[A-Z]{3}$/.test(value)
        ? value
        : value === null
          ? null
          : undefined,
  } as Setting<string | null>,
  /**
   * Every list row written before rows carried their customer's origin has it now
   * (services/crm/customers/origin-backfill.ts): the fill is not run again.
   */
  originsFilled: {
    key: 'list_origins_filled',
    fallback: false,
    parse: (value) => (typeof value === 'boolean' ? value : undefined),
  } as Setting<boolean>,
  /** The first-run questions were answered or put aside: never asked again on this computer. */
  firstRunDone: {
    key: 'first_run_done',
    fallback: false,
    parse: (value) => (typeof value === 'boolean' ? value : undefined),
  } as Setting<boolean>,
  lastBackup: {
    key: 'last_backup',
    fallback: null,
    parse: (value) => (isRecord(value) ? (value as LastBackup) : undefined),
  } as Setting<LastBackup | null>,
  /** How many automatic backups the desktop app keeps. */
  backupsKept: {
    key: 'backups_keep',
    fallback: 14,
    parse: (value) => (typeof value === 'number' ? value : undefined),
  } as Setting<number>,
  sync: {
    key: 'sync_settings',
    fallback: { enabled: false, serverUrl: '' },
    parse: (value) =>
      isRecord(value)
        ? { enabled: false, serverUrl: '', ...(value as Partial<SyncSettings>) }
        : undefined,
  } as Setting<SyncSettings>,
  remindersNotified: {
    key: 'task_reminders_notified',
    fallback: {},
    parse: (value) => (isRecord(value) ? (value as NotifiedReminders) : undefined),
  } as Setting<NotifiedReminders>,
  /** Dated exchange rate sets the reports convert with (docs/reports.md, "Money"). */
  exchangeRates: {
    key: 'exchange_rate_sets',
    fallback: [],
    parse: (value) =>
      Array.isArray(value) ? (value.filter(isRecord) as ExchangeRateSet[]) : undefined,
  } as Setting<ExchangeRateSet[]>,
  /** The customer list's chosen columns (ids of domain/customers/list-columns.ts). */
  customerColumns: {
    key: 'customer_list_columns',
    fallback: null,
    parse: (value) =>
      Array.isArray(value) && value.every((id) => typeof id === 'string')
        ? (value as string[])
        : undefined,
  } as Setting<string[] | null>,
  /** The customer list's saved views (services/crm/customers/saved-views-service.ts reads them). */
  savedCustomerViews: {
    key: 'customer_saved_views',
    fallback: [],
    parse: (value) => (Array.isArray(value) ? (value as unknown[]) : undefined),
  } as Setting<unknown[]>,
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = (typeof SETTINGS)[N]['fallback'];

/** The setting's value, or `fallback` (by default the registry's) when unset or not of its type. */
export async function readSetting<N extends SettingName>(
  db: CrmDatabase,
  name: N,
  fallback: SettingValue<N> = SETTINGS[name].fallback,
): Promise<SettingValue<N>> {
  const setting = SETTINGS[name] as Setting<SettingValue<N>>;
  const entry = await db.app_settings.get(setting.key);
  if (entry === undefined) return fallback;
  return setting.parse(entry.value) ?? fallback;
}

export async function writeSetting<N extends SettingName>(
  db: CrmDatabase,
  name: N,
  value: SettingValue<N>,
): Promise<void> {
  await db.app_settings.put({ key: SETTINGS[name].key, value });
}
