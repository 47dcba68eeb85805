/** Phones are parsed once per distinct cell (and region), with checkPhone's exact answer. */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkPhone } from '../../src/renderer/src/domain/contact-points';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import { convertRow } from '../../src/renderer/src/domain/import/rows';
import {
  clearPhoneReads,
  phoneReadStats,
  readPhone,
} from '../../src/renderer/src/domain/phone-reads';

const settings = {
  mapping: autoMap(['Email', 'Phone Number']),
  defaultRegion: 'US',
  dateFormat: 'YYYY-MM-DD' as const,
};

describe('readPhone', () => {
  beforeEach(clearPhoneReads);

  it('parses a repeated phone cell once for a whole file', () => {
    const phones = ['(415) 555-0134', '+44 20 7946 0958', 'not a phone'];
    const rows = Array.from({ length: 300 }, (_, i) =>
      convertRow([`fan${i}@example.com`, phones[i % 3] ?? ''], i + 2, settings),
    );
    expect(phoneReadStats()).toMatchObject({ reads: 300, parses: 3 });
    expect(rows[0]?.phones[0]?.e164).toBe('+14155550134');
    expect(rows[297]?.phones[0]?.e164).toBe('+14155550134');
    expect(rows[1]?.phones[0]?.e164).toBe('+442079460958');
    expect(rows[2]?.issues.map((issue) => issue.kind)).toEqual(['invalid-phone']);
    expect(rows[299]?.issues.map((issue) => issue.kind)).toEqual(['invalid-phone']);
  });

  it('answers exactly as checkPhone, per region', () => {
    for (const [raw, region] of [
      ['030 1234567', 'DE'],
      ['030 1234567', 'US'],
      ['0049 30 1234567', 'FR'],
      ['(212) 555-0199', 'GB'],
      ['(212) 555-0199', 'US'],
      ['', 'US'],
      ['abc', 'US'],
    ] as const) {
      expect(readPhone(raw, region)).toEqual(checkPhone(raw, region));
      expect(readPhone(raw, region)).toEqual(checkPhone(raw, region));
    }
    expect(phoneReadStats().parses).toBe(7);
  });

  it('stays bounded whatever the number of distinct phones', () => {
    for (let i = 0; i < 25_000; i += 1) readPhone(`+1 415 555 ${String(i).padStart(5, '0')}`, 'US');
    expect(phoneReadStats().cached).toBeLessThanOrEqual(20_000);
  });
});
