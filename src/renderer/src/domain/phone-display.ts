/**
 * Showing stored phones, and knowing a region code, with libphonenumber's *min* metadata:
 * formatting a valid number reads only the formats, which min holds as max does (the same
 * text for every valid number: tests/unit/phone-metadata.test.ts), at half the size. The
 * list shows phones at start; reading and validating a typed phone needs *max*
 * (contact-points.ts), which loads with the forms and services that write.
 */
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

export function isRegionCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/** For display: international format of a stored E.164 number. */
export function formatPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/** The number as dialled inside its country, trunk prefix included ("030 1234567"). */
export function nationalFormOf(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatNational() : '';
}
