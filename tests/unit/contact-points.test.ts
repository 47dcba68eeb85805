import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { CONTACT_KINDS } from '../../src/renderer/src/domain/contact-kinds';
import {
  checkEmail,
  checkPhone,
  formatPhoneForDisplay,
  isE164,
  isValidEmail,
  nationalFormOf,
  normalizeEmail,
} from '../../src/renderer/src/domain/contact-points';

/** Randomly upper-cases some letters: the same address as a person might type it. */
function recased(text: string, mask: readonly boolean[]): string {
  return [...text]
    .map((char, index) => (mask[index % Math.max(mask.length, 1)] ? char.toUpperCase() : char))
    .join('');
}

const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', ' \t ');
const caseMask = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });
/** fast-check's addresses are all inside our documented rule except for the length cap. */
const validEmail = fc.emailAddress().filter((address) => address.length <= 254);

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jose.Garcia@Example.COM \n')).toBe('jose.garcia@example.com');
    expect(normalizeEmail('ana@x.com')).toBe('ana@x.com');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const once = normalizeEmail(input);
        expect(normalizeEmail(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores case and surrounding whitespace', () => {
    fc.assert(
      fc.property(validEmail, caseMask, whitespace, whitespace, (address, mask, before, after) => {
        expect(normalizeEmail(`${before}${recased(address, mask)}${after}`)).toBe(
          normalizeEmail(address),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkEmail', () => {
  it('accepts plain addresses and returns the normalized form', () => {
    expect(checkEmail(' Ana.Lima+crm@Band-Name.co.uk ')).toEqual({
      ok: true,
      normalized: 'ana.lima+crm@band-name.co.uk',
    });
    expect(isValidEmail("o'brien@example.ie")).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ana', '@'],
    ['ana@', 'not a valid email'],
    ['@x.com', 'not a valid email'],
    ['ana@x', 'not a valid email'],
    ['ana@x.c', 'not a valid email'],
    ['ana lima@x.com', 'not a valid email'],
    ['ana@@x.com', 'not a valid email'],
    ['ana@x..com', 'not a valid email'],
    ['.ana@x.com', 'not a valid email'],
    ['ana.@x.com', 'not a valid email'],
    ['ana@-x.com', 'not a valid email'],
    ['ana@x.c0m', 'not a valid email'],
    [`${'a'.repeat(250)}@x.com`, 'longer than 254'],
  ])('rejects %j with a reason', (input, reason) => {
    const check = checkEmail(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
    expect(isValidEmail(input)).toBe(false);
  });

  it('accepts every address inside the documented rule, in any case and padding', () => {
    fc.assert(
      fc.property(validEmail, caseMask, whitespace, (address, mask, pad) => {
        const check = checkEmail(`${pad}${recased(address, mask)}${pad}`);
        expect(check).toEqual({ ok: true, normalized: address.toLowerCase() });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects every string without an @, saying why', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }).filter((text) => !text.includes('@')),
        (text) => {
          const check = checkEmail(text);
          expect(check.ok).toBe(false);
          if (!check.ok) expect(check.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects an address with a space inside it', () => {
    fc.assert(
      fc.property(validEmail, fc.nat(), (address, at) => {
        const cut = 1 + (at % (address.length - 1));
        expect(checkEmail(`${address.slice(0, cut)} ${address.slice(cut)}`).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkPhone', () => {
  it.each(['(415) 555-0134', '415.555.0134', '415-555-0134', '+1 415 555 0134', '1 415 555 0134'])(
    'reads the US national format %j in US',
    (input) => {
      expect(checkPhone(input, 'US')).toMatchObject({
        ok: true,
        e164: '+14155550134',
        country: 'US',
      });
    },
  );

  it('reads a German national number in DE and gives its national form back', () => {
    expect(checkPhone('030 1234567', 'DE')).toEqual({
      ok: true,
      e164: '+49301234567',
      country: 'DE',
      national: '030 1234567',
    });
  });

  it.each(['US', 'DE', 'GB', 'FR', 'JP', 'not-a-region', ''])(
    'reads the 00 international prefix with region %j',
    (region) => {
      expect(checkPhone('0049 30 1234567', region)).toMatchObject({
        ok: true,
        e164: '+49301234567',
        country: 'DE',
      });
    },
  );

  it('an explicit + country wins over the default region', () => {
    expect(checkPhone('+1 415 555 0134', 'DE')).toMatchObject({ ok: true, e164: '+14155550134' });
    expect(checkPhone('+49 30 1234567', 'US')).toMatchObject({ ok: true, e164: '+49301234567' });
  });

  // Regions by name everywhere (issue 16): the reason said "for US" on the main of 2026-12-06.
  it('names the region of an invalid number in words', () => {
    expect(checkPhone('12', 'US')).toEqual({
      ok: false,
      reason: '"12" is not a valid number for United States',
    });
    expect(checkPhone('+33 6 97 30 54 81', 'DE')).toEqual({
      ok: false,
      reason: '"+33 6 97 30 54 81" is not a valid number for France',
    });
    expect(CONTACT_KINDS.phone.addPlaceholder('DE')).toBe(
      'Add a phone (national numbers read in Germany)',
    );
  });

  it('the same digits mean different numbers in different regions', () => {
    expect(checkPhone('030 1234567', 'US').ok).toBe(false);
  });

  it.each([
    ['555', 'US', 'not a valid number'],
    ['abc', 'US', 'no digits'],
    ['+1 000', 'US', 'not a valid number'],
    ['', 'US', 'empty'],
    ['   ', 'DE', 'empty'],
    ['415 555 0134', 'not-a-region', ''],
  ])('rejects %j in %s with a reason', (input, region, reason) => {
    const check = checkPhone(input, region);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason.length).toBeGreaterThan(0);
      expect(check.reason).toContain(reason);
    }
  });

  // A valid mobile number of a region: its example number with the last digits changed.
  const regions = getCountries().filter((region) => getExampleNumber(region, examples));
  const validNational = fc
    .record({
      region: fc.constantFrom(...regions),
      tail: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
    })
    .map(({ region, tail }) => {
      const national = String(getExampleNumber(region, examples)?.nationalNumber ?? '');
      return { region, input: national.slice(0, national.length - tail.length) + tail.join('') };
    });
  const anyRegion = fc.oneof(
    fc.constantFrom<string>(...regions),
    fc.constantFrom('', 'XX', 'us', 'not-a-region'),
  );

  it('round-trips: a stored E.164 number reads back as itself in any region', () => {
    let checked = 0;
    fc.assert(
      fc.property(validNational, anyRegion, ({ region, input }, other) => {
        const first = checkPhone(input, region);
        fc.pre(first.ok);
        if (!first.ok) return;
        checked += 1;
        expect(isE164(first.e164)).toBe(true);
        expect(checkPhone(first.e164, other)).toMatchObject({ ok: true, e164: first.e164 });
        // ... and so do its display forms
        expect(checkPhone(formatPhoneForDisplay(first.e164), other)).toMatchObject({
          ok: true,
          e164: first.e164,
        });
        expect(checkPhone(nationalFormOf(first.e164), region)).toMatchObject({
          ok: true,
          e164: first.e164,
        });
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});

describe('isE164', () => {
  it.each(['+14155550134', '+49301234567', '+80012345678', '+12'])('accepts %j', (value) => {
    expect(isE164(value)).toBe(true);
  });

  it.each([
    '14155550134',
    '+04155550134',
    '+1 415 555 0134',
    '+1234567890123456',
    '0301234567',
    '+',
    '',
  ])('rejects %j', (value) => {
    expect(isE164(value)).toBe(false);
  });
});

describe('display forms', () => {
  it('formats stored numbers for people', () => {
    expect(formatPhoneForDisplay('+14155550134')).toBe('+1 415 555 0134');
    expect(nationalFormOf('+49301234567')).toBe('030 1234567');
    expect(formatPhoneForDisplay('garbage')).toBe('garbage');
    expect(nationalFormOf('garbage')).toBe('');
  });
});
