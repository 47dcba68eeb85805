/**
 * Email and phone rules, shared by forms, the import pipeline, the data-layer guard and sync.
 * Phones use libphonenumber-js with its *max* metadata: the smaller default metadata
 * accepts numbers that are not valid for their region, which is how bad numbers get in.
 */
import { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

export type EmailCheck = { ok: true; normalized: string } | { ok: false; reason: string };

/** Trim and lower-case: the key that decides whether two addresses are the same person. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

// Pragmatic: one @, a non-empty local part without spaces, a dotted domain with a 2+ letter
// TLD. Deliberately stricter than RFC 5322 (which allows quoted spaces) since CRM data with
// such addresses is nearly always a typo.
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function checkEmail(input: string): EmailCheck {
  const normalized = normalizeEmail(input);
  if (normalized === '') return { ok: false, reason: 'Email is empty' };
  if (normalized.length > 254) return { ok: false, reason: 'Email is longer than 254 characters' };
  if (!normalized.includes('@')) return { ok: false, reason: 'Email needs an @' };
  if (!EMAIL_PATTERN.test(normalized))
    return { ok: false, reason: `"${input.trim()}" is not a valid email` };
  return { ok: true, normalized };
}

export function isValidEmail(input: string): boolean {
  return checkEmail(input).ok;
}

export type PhoneCheck =
  | { ok: true; e164: string; country: string | undefined; national: string }
  | { ok: false; reason: string };

export function isRegionCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/**
 * Reads a phone as a person typed it. National numbers ("(415) 555-0134", "030 1234567")
 * are read in `defaultRegion`; numbers with + or 00 carry their own country.
 */
export function checkPhone(input: string, defaultRegion: string): PhoneCheck {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'Phone is empty' };
  if (!/\d/.test(raw)) return { ok: false, reason: `"${raw}" has no digits` };
  const region = isRegionCode(defaultRegion) ? defaultRegion : undefined;
  // "0049 30 ..." is the international prefix of most of Europe; libphonenumber only
  // understands it relative to a region that uses 00, so rewrite it to "+".
  const candidate = raw.replace(/^\s*00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(
    candidate,
    region ? { defaultCountry: region } : undefined,
  );
  if (!parsed) return { ok: false, reason: `"${raw}" is not a phone number` };
  if (!parsed.isValid()) {
    const where = parsed.country ?? region ?? 'any region';
    return { ok: false, reason: `"${raw}" is not a valid number for ${where}` };
  }
  return {
    ok: true,
    e164: parsed.number,
    country: parsed.country,
    national: parsed.formatNational(),
  };
}

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
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
