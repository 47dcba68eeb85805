/**
 * Showing stored phones, and knowing a region code, with libphonenumber's *min* metadata:
 * formatting a valid number reads only the formats, which min holds as max does (the same
 * text for every valid number: tests/unit/phone-metadata.test.ts), at half the size. The
 * list shows phones at start; reading and validating a typed phone needs *max*
 * (contact-points.ts), which loads with the forms and services that write.
 */
import {
  isSupportedCountry,
  Metadata,
  parsePhoneNumberFromString,
  PhoneNumber,
} from 'libphonenumber-js/min';
import type { CountryCode, E164Number } from 'libphonenumber-js/min';

export function isRegionCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

type ParsingPlan = { nationalPrefixForParsing(): string | undefined };
const metadata = new Metadata();
/** Calling code -> a test for a national number that parsing would cut a prefix from. */
const cutsPrefix = new Map<string, RegExp | null>();

function prefixRule(callingCode: string): RegExp | null {
  let rule = cutsPrefix.get(callingCode);
  if (rule === undefined) {
    metadata.selectNumberingPlan(callingCode as Parameters<typeof metadata.selectNumberingPlan>[0]);
    const plan = metadata.numberingPlan as unknown as ParsingPlan | undefined;
    const pattern = plan?.nationalPrefixForParsing();
    rule = pattern ? new RegExp(`^(?:${pattern})`) : null;
    cutsPrefix.set(callingCode, rule);
  }
  return rule;
}

/**
 * For display: international format of a stored E.164 number. Built from its calling code
 * and national number without parsing it as typed text (a third of the time: a page of new
 * rows formats a few dozen on every keystroke, on the UI thread), unless the national number
 * starts with what parsing would cut as a national prefix: then parsed, as before. Either way
 * the text parsing gives (tests/unit/phone-metadata.test.ts: every calling code).
 */
export function formatPhoneForDisplay(e164: string): string {
  let direct: PhoneNumber | null = null;
  try {
    direct = new PhoneNumber(e164 as E164Number);
  } catch {
    direct = null; // not "+" and digits, or too short: parsing says what it is
  }
  if (direct && !prefixRule(direct.countryCallingCode)?.test(direct.nationalNumber))
    return direct.formatInternational();
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/** The number as dialled inside its country, trunk prefix included ("030 1234567"). */
export function nationalFormOf(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatNational() : '';
}
