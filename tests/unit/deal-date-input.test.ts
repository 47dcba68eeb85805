import { describe, expect, it } from 'vitest';
import {
  dealDateHint,
  readDealDateInput,
} from '../../src/renderer/src/domain/deals/deal-date-input';

describe('deal dates typed in the user locale (issue 16)', () => {
  it('reads the locale order, as the date of birth does', () => {
    expect(readDealDateInput('03/04/2027', 'en-US')).toEqual({ ok: true, value: '2027-03-04' });
    expect(readDealDateInput('03/04/2027', 'en-GB')).toEqual({ ok: true, value: '2027-04-03' });
    expect(readDealDateInput('03/04/2027', 'de-DE')).toEqual({ ok: true, value: '2027-04-03' });
    expect(readDealDateInput('21.06.2027', 'en-US')).toEqual({ ok: true, value: '2027-06-21' });
    expect(readDealDateInput('2027-06-21', 'de-DE')).toEqual({ ok: true, value: '2027-06-21' });
  });

  it('takes the other slash order when the first cannot be a date', () => {
    expect(readDealDateInput('21/06/2027', 'en-US')).toEqual({ ok: true, value: '2027-06-21' });
  });

  it('accepts future dates (a show next year), unlike a birthday', () => {
    expect(readDealDateInput('6/21/2031', 'en-US')).toEqual({ ok: true, value: '2031-06-21' });
  });

  it('empties the field with nothing typed', () => {
    expect(readDealDateInput('  ', 'en-US')).toEqual({ ok: true, value: null });
  });

  it('refuses days that do not exist, dates without a year and words, with the hint', () => {
    expect(readDealDateInput('31.02.2027', 'de-DE')).toEqual({
      ok: false,
      reason: '"31.02.2027" is not a real date',
    });
    expect(readDealDateInput('21.06.', 'de-DE')).toMatchObject({ ok: false });
    expect(readDealDateInput('next friday', 'en-GB')).toEqual({
      ok: false,
      reason: `"next friday" is not a date with a year (${dealDateHint('en-GB')})`,
    });
    expect(dealDateHint('en-US')).toContain('6/21/2027');
    expect(dealDateHint('en-GB')).toContain('21/06/2027');
  });
});
