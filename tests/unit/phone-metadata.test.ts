/**
 * The start path shows phones with libphonenumber's *min* metadata (domain/phone-display.ts,
 * domain/search/phone-forms.ts); typed phones are read and validated with *max*
 * (domain/contact-points.ts). These prove the split changes nothing a person sees: min
 * formats every number as max does, knows the same regions and national prefixes, and
 * checkPhone still refuses what max refuses.
 */
import fc from 'fast-check';
import * as max from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../src/renderer/src/domain/contact-points';
import {
  formatPhoneForDisplay,
  isRegionCode,
  nationalFormOf,
} from '../../src/renderer/src/domain/phone-display';
import { nationalPrefixes } from '../../src/renderer/src/domain/search/phone-forms';

type MetadataJson = {
  countries: Record<string, unknown>;
  country_calling_codes: Record<string, string[]>;
};
const maxMetadata = (new max.Metadata() as unknown as { metadata: MetadataJson }).metadata;
const callingCodes = Object.keys(maxMetadata.country_calling_codes);

function maxDisplay(e164: string): [string, string] {
  const parsed = max.parsePhoneNumberFromString(e164);
  return parsed ? [parsed.formatInternational(), parsed.formatNational()] : [e164, ''];
}

describe('phones shown with min metadata', () => {
  it('formats any number of any calling code exactly as max does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...callingCodes),
        fc.stringMatching(/^[1-9]\d{2,12}$/),
        (code, digits) => {
          const e164 = `+${code}${digits}`.slice(0, 16);
          expect([formatPhoneForDisplay(e164), nationalFormOf(e164)]).toEqual(maxDisplay(e164));
        },
      ),
      { numRuns: 8_000 },
    );
  });

  it('formats every valid example number as max does', () => {
    let seen = 0;
    for (const region of Object.keys(maxMetadata.countries)) {
      const example = max.getExampleNumber(region as max.CountryCode, examples);
      if (!example) continue;
      expect([formatPhoneForDisplay(example.number), nationalFormOf(example.number)]).toEqual(
        maxDisplay(example.number),
      );
      seen += 1;
    }
    expect(seen).toBeGreaterThan(200);
  });

  it('knows the same regions as max', () => {
    for (const region of Object.keys(maxMetadata.countries))
      expect(isRegionCode(region)).toBe(true);
    expect(isRegionCode('XX')).toBe(false);
    expect(isRegionCode('us')).toBe(false);
  });

  it('reads the same national prefixes as max (search digit forms)', () => {
    const fromMax = new Map<string, string>();
    const metadata = new max.Metadata();
    type Plan = {
      nationalPrefix(): string | undefined;
      formats(): { nationalPrefixFormattingRule(): string | undefined | 0 }[];
    };
    for (const [code, countries] of Object.entries(maxMetadata.country_calling_codes)) {
      metadata.selectNumberingPlan(countries[0] as max.CountryCode);
      const plan = metadata.numberingPlan as unknown as Plan;
      const prefix = plan.nationalPrefix() ?? '';
      const written =
        prefix !== '' &&
        plan
          .formats()
          .some((format) => (format.nationalPrefixFormattingRule() || '').includes(prefix));
      fromMax.set(code, written ? prefix : '');
    }
    expect(new Map(nationalPrefixes())).toEqual(fromMax);
  });
});

describe('typed phones still validated with max metadata', () => {
  it('reads typed numbers as before', () => {
    // +1 555 0100: NANP length, but 555-01xx is reserved for fiction: max knows, min does not.
    expect(checkPhone('+1 415 555 0100', 'US').ok).toBe(
      max.parsePhoneNumberFromString('+14155550100')!.isValid(),
    );
    expect(checkPhone('+49 30 1', 'DE').ok).toBe(false);
    expect(checkPhone('(415) 555-2671', 'US')).toMatchObject({ ok: true, e164: '+14155552671' });
  });

  it('agrees with max on validity for any typed number', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...callingCodes),
        fc.stringMatching(/^[1-9]\d{3,12}$/),
        (code, digits) => {
          const typed = `+${code} ${digits}`;
          const parsed = max.parsePhoneNumberFromString(`+${code}${digits}`);
          expect(checkPhone(typed, 'US').ok).toBe(parsed?.isValid() ?? false);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
