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
    expect(suggestion).toEqual({ region: 'FR', reasons: ['2 phones start with +33'] });
  });

  it('suggests nothing when the sample says nothing', () => {
    expect(
      suggestRegion({ headers: ['Email', 'Phone'], phones: ['(415) 555-0134'], dates: [] }),
    ).toBeNull();
  });
});
