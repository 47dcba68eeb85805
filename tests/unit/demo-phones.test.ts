/**
 * Demo phones are valid by construction and carry their E.164 form (demo-people.ts), so the
 * demo seed parses none: each template's numbers must be exactly what libphonenumber says.
 */
import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../src/renderer/src/domain/contact-points';
import {
  DEMO_PHONE_TEMPLATE_COUNT,
  demoPerson,
  demoPhone,
  seededRandom,
} from '../../src/renderer/src/domain/demo-people';

describe('demo phones', () => {
  it('each template gives libphonenumber’s verdict and E.164 for its numbers', () => {
    const random = seededRandom(42);
    const digits = (count: number) =>
      Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
    let checked = 0;
    for (let template = 0; template < DEMO_PHONE_TEMPLATE_COUNT; template += 1)
      for (let n = 0; n < 1500; n += 1) {
        const phone = demoPhone(template, digits);
        if (phone === null) continue;
        checked += 1;
        expect(checkPhone(phone.raw, phone.region)).toMatchObject({ ok: true, e164: phone.e164 });
      }
    expect(checked).toBeGreaterThan(DEMO_PHONE_TEMPLATE_COUNT * 1300);
  });

  it('refuses exactly the numbers libphonenumber refuses (French overseas mobiles)', () => {
    let refused = 0;
    for (let a = 0; a < 100; a += 1) {
      const pair = String(a).padStart(2, '0');
      // A French number with a chosen first pair, the rest fixed.
      const script = [...pair, ...'1234567'].map(Number);
      let at = 0;
      const digits = (count: number) =>
        script.slice(at, (at += count)).join('') || '0'.repeat(count);
      const phone = demoPhone(5, digits);
      const check = checkPhone(`+33 6 ${pair} 12 34 56`, 'FR');
      expect(phone !== null).toBe(check.ok);
      if (phone === null) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('every phone of 5,000 demo people checks as its E.164', () => {
    for (let index = 0; index < 5000; index += 1)
      for (const phone of demoPerson(index, 3).phones)
        expect(checkPhone(phone.raw, phone.region)).toMatchObject({ ok: true, e164: phone.e164 });
  });
});
