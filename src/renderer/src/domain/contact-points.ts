/**
 * Email and phone rules, shared by forms, the import pipeline, the data-layer guard and sync.
 * Phones use libphonenumber-js with its *max* metadata: the smaller default metadata
 * accepts numbers that are not valid for their region, which is how bad numbers get in.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isRegionCode } from './phone-display';
import { regionName } from './settings/display-names';

// Email rules, the E.164 shape and display live apart (no max metadata); one import for all.
export {
  checkEmail,
  isE164,
  isValidEmail,
  normalizeEmail,
  type EmailCheck,
} from './contact-shapes';
export { formatPhoneForDisplay, isRegionCode, nationalFormOf } from './phone-display';

export type PhoneCheck =
  | { ok: true; e164: string; country: string | undefined; national: string }
  | { ok: false; reason: string };

/**
 * Reads a phone as a person typed it. National numbers ("(415) 555-0134", "030 1234567")
 * are read in `defaultRegion`; numbers with + or 00 carry their own country.
 */
// Regions by name (issue 16: "for Germany", not "for DE"). An import's invalid phones name a
// handful of regions many times: a DisplayNames lookup each would cost more than the check.
const regionNames = new Map<string, string>();
function regionNameOnce(code: string): string {
  let name = regionNames.get(code);
  if (name === undefined) {
    name = regionName(code);
    regionNames.set(code, name);
  }
  return name;
}

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
    const where = parsed.country ?? region;
    return {
      ok: false,
      reason: `"${raw}" is not a valid number for ${where ? regionNameOnce(where) : 'any region'}`,
    };
  }
  return {
    ok: true,
    e164: parsed.number,
    country: parsed.country,
    national: parsed.formatNational(),
  };
}
