/**
 * What the first-run dialog proposes before the user types anything: the region and the
 * reporting currency this computer most likely means, read from the system's locale and time
 * zone. Pure: the caller passes navigator.language and Intl's time zone.
 */
import { isRegionCode } from '../phone-display';

/**
 * Time zones whose country is not ambiguous, for a locale without a region ("de", "fr"):
 * the places the app is used most. Anything else falls back to the language's usual region.
 */
const ZONE_REGIONS: Record<string, string> = {
  'Europe/Berlin': 'DE',
  'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH',
  'Europe/Paris': 'FR',
  'Europe/Brussels': 'BE',
  'Europe/Amsterdam': 'NL',
  'Europe/Luxembourg': 'LU',
  'Europe/Madrid': 'ES',
  'Europe/Lisbon': 'PT',
  'Europe/Rome': 'IT',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Copenhagen': 'DK',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Prague': 'CZ',
  'Europe/Budapest': 'HU',
  'Europe/Athens': 'GR',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Los_Angeles': 'US',
  'America/Phoenix': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'America/Argentina/Buenos_Aires': 'AR',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Pacific/Auckland': 'NZ',
  'Asia/Tokyo': 'JP',
  'Asia/Singapore': 'SG',
  'Asia/Kolkata': 'IN',
  'Africa/Johannesburg': 'ZA',
};

/** The region a language is usually written in, when neither locale nor zone says more. */
const LANGUAGE_REGIONS: Record<string, string> = {
  en: 'US',
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  fi: 'FI',
  pl: 'PL',
  cs: 'CZ',
  ja: 'JP',
};

const EURO_REGIONS = new Set(
  'AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES AD MC SM VA ME XK'.split(' '),
);
const REGION_CURRENCIES: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  CH: 'CHF',
  LI: 'CHF',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  JP: 'JPY',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  MX: 'MXN',
  BR: 'BRL',
  AR: 'ARS',
  SG: 'SGD',
  IN: 'INR',
  ZA: 'ZAR',
};

/**
 * The region of "de-AT" is AT; of "de" in Europe/Vienna, AT too (the time zone); of "de"
 * elsewhere, DE (the language's usual region); US when nothing is known.
 */
export function regionFromSystem(locale: string | undefined, timeZone: string | undefined): string {
  const parts = (locale ?? '').split(/[-_]/);
  const fromLocale = parts
    .slice(1)
    .find((part) => /^[A-Za-z]{2}$/.test(part))
    ?.toUpperCase();
  if (fromLocale && isRegionCode(fromLocale)) return fromLocale;
  const fromZone = timeZone ? ZONE_REGIONS[timeZone] : undefined;
  if (fromZone) return fromZone;
  return LANGUAGE_REGIONS[(parts[0] ?? '').toLowerCase()] ?? 'US';
}

/** The currency a region reports in: EUR for the euro area, its own elsewhere; USD when unknown. */
export function currencyForRegion(region: string): string {
  if (EURO_REGIONS.has(region)) return 'EUR';
  return REGION_CURRENCIES[region] ?? 'USD';
}
