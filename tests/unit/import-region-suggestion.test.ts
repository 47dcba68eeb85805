import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestRegion } from '../../src/renderer/src/domain/import/region-suggestion';

const fixtureDir = resolve(import.meta.dirname, '../../../shared/fixtures/csv');

describe('region suggested from the file', () => {
  it('names Germany for the German Excel file, with its reasons', () => {
    const text = new TextDecoder('windows-1252').decode(
      readFileSync(resolve(fixtureDir, 'excel-de-semicolon-cp1252.csv')),
    );
    const [header = '', ...rows] = text.split(/\r?\n/).filter(Boolean);
    const cells = rows.map((row) => row.split(';'));
    const suggestion = suggestRegion({
      headers: header.split(';'),
      phones: cells.map((row) => row[3] ?? ''),
      dates: cells.map((row) => row[4] ?? ''),
    });
    expect(suggestion?.region).toBe('DE');
    expect(suggestion?.reasons).toEqual([
      expect.stringMatching(/^\d+ phones without a country code are valid there$/),
      expect.stringMatching(/^\d+ phones start with \+49$/),
      'headers are German',
      'dates are written DD.MM.YYYY',
    ]);
  });

  it('follows the country codes of the phones', () => {
    const suggestion = suggestRegion({
      headers: ['Email', 'Phone'],
      phones: ['+33 6 58 21 12 81', '+33 6 16 89 94 41', '+44 20 7529 8760', '06 12 34 56 78'],
      dates: [],
    });
    expect(suggestion).toEqual({
      region: 'FR',
      reasons: ['1 phone without a country code is valid there', '2 phones start with +33'],
    });
  });

  // The region is only used for numbers written without a country code: a file whose
  // national numbers are American is American, however many British numbers carry their +44.
  it('reads the HubSpot export as American although most of its codes are +44', () => {
    const [header = '', ...rows] = readFileSync(
      resolve(fixtureDir, 'hubspot-contacts-export.csv'),
      'utf8',
    )
      .split(/\r?\n/)
      .filter(Boolean);
    const phoneColumn = header.split(',').indexOf('Phone Number');
    const phones = rows.map((row) => row.split(',')[phoneColumn] ?? '');
    expect(phones.filter((phone) => phone.startsWith('+44')).length).toBeGreaterThan(
      phones.filter((phone) => phone.startsWith('+1')).length,
    );
    for (const defaultRegion of ['US', 'DE', undefined]) {
      const suggestion = suggestRegion({
        headers: header.split(','),
        phones,
        dates: [],
        ...(defaultRegion ? { defaultRegion } : {}),
      });
      expect(suggestion?.region).toBe('US');
      expect(suggestion?.reasons[0]).toMatch(/^\d+ phones without a country code are valid there$/);
    }
  });

  it("keeps the user's region when it reads the national numbers and nothing points elsewhere", () => {
    expect(
      suggestRegion({
        headers: ['Email', 'Phone'],
        phones: ['(415) 555-0134', '+44 20 7529 8760', '+44 20 7529 8761'],
        dates: [],
        defaultRegion: 'US',
      }),
    ).toBeNull();
  });

  it('suggests nothing when the sample says nothing', () => {
    expect(
      suggestRegion({ headers: ['Email', 'Phone'], phones: ['(415) 555-0134'], dates: [] }),
    ).toBeNull();
  });
});
