// The customer form reads a date of birth as the import does, in the user's locale order.
import { describe, expect, it } from 'vitest';
import {
  dateOfBirthHint,
  describeDateOfBirth,
  readDateOfBirthInput,
} from '../../src/renderer/src/domain/date-of-birth-input';
import { readDate } from '../../src/renderer/src/domain/import/values';

const today = new Date('2026-12-06T12:00:00Z');
const read = (text: string, locale: string) => readDateOfBirthInput(text, locale, today);

describe('date of birth typed in a form', () => {
  it('reads every format the import reads', () => {
    expect(read('1990-04-21', 'en-US')).toMatchObject({ ok: true, value: '1990-04-21' });
    expect(read('21.04.1990', 'en-US')).toMatchObject({ ok: true, value: '1990-04-21' });
    expect(read('4/21/1990', 'en-US')).toMatchObject({ ok: true, value: '1990-04-21' });
    expect(read('21/4/1990', 'en-GB')).toMatchObject({ ok: true, value: '1990-04-21' });
    expect(read('--04-21', 'de-DE')).toMatchObject({ ok: true, value: '--04-21' });
    expect(read('21.4.', 'de-DE')).toMatchObject({ ok: true, value: '--04-21' });
    expect(read('4/21', 'en-US')).toMatchObject({ ok: true, value: '--04-21' });
    expect(read('  ', 'en-US')).toEqual({ ok: true, value: null, format: null });
  });

  it('agrees with the import cell reader for each format it reports', () => {
    for (const [text, locale] of [
      ['03/04/1990', 'en-US'],
      ['03/04/1990', 'de-DE'],
      ['03.04.1990', 'en-US'],
    ] as const) {
      const typed = read(text, locale);
      if (!typed.ok || !typed.format) throw new Error(`${text} not read`);
      expect(readDate(text, typed.format, today)).toEqual({ ok: true, value: typed.value });
    }
  });

  it('takes the locale order for a date both orders could mean', () => {
    expect(read('03/04/1990', 'en-US')).toMatchObject({ value: '1990-03-04', format: 'M/D/YYYY' });
    expect(read('03/04/1990', 'en-GB')).toMatchObject({ value: '1990-04-03', format: 'D/M/YYYY' });
    expect(read('03/04/1990', 'de-DE')).toMatchObject({ value: '1990-04-03' });
    // Only one order is a date: that one, whatever the locale.
    expect(read('12/31/1990', 'en-GB')).toMatchObject({ value: '1990-12-31' });
  });

  it('refuses what is no birthday, saying why', () => {
    expect(read('31.02.1990', 'de-DE')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a real date'),
    });
    expect(read('2030-01-01', 'en-US')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('between 1900 and today'),
    });
    const nonsense = read('next tuesday', 'en-US');
    expect(nonsense).toMatchObject({ ok: false });
    if (!nonsense.ok) expect(nonsense.reason).toContain(dateOfBirthHint('en-US'));
  });

  it('says what was read in the locale', () => {
    expect(describeDateOfBirth('1990-04-03', 'en-US')).toBe('April 3, 1990');
    expect(describeDateOfBirth('1990-04-03', 'de-DE')).toBe('3. April 1990');
    expect(describeDateOfBirth('--04-03', 'en-GB')).toBe('3 April');
  });
});
