import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  DANGEROUS_LEADING_CHARACTERS,
  needsNeutralizing,
  neutralizeCell,
  unneutralizeCell,
} from '../../src/shared/csv/neutralize';
import {
  BOM,
  CRLF,
  formatCell,
  formatCsv,
  formatRow,
} from '../../src/renderer/src/domain/export/csv-writer';

/** Strings that favour the interesting starts: quotes, dangerous characters, separators. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom("'", ...DANGEROUS_LEADING_CHARACTERS), maxLength: 4 }),
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', "'", '=', 'é', '😀') }),
    )
    .map(([head, tail]) => head + tail),
);

/** What a reader does with our file: parse with papaparse, then undo the neutralization. */
function readBack(file: string): string[][] {
  expect(file.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(file.slice(BOM.length), { newline: CRLF, delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  // Every row ends with CRLF, so papaparse ends with one empty "row" after the last one.
  expect(parsed.data.at(-1)).toEqual(['']);
  return parsed.data.slice(0, -1).map((row) => row.map(unneutralizeCell));
}

describe('neutralizeCell / unneutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ['+14155550134', "'+14155550134"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\nx', "'\nx"],
    ['\0x', "'\0x"],
    ['--03-14', "'--03-14"],
    // Full-width and small forms: spreadsheets with CJK input take them for the signs.
    ['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
    ['\uFE661+1', "'\uFE661+1"],
    ['\uFF0B1 415', "'\uFF0B1 415"],
    ['\uFF0D2', "'\uFF0D2"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ["'\uFF1D1", "''\uFF1D1"],
    // A value that already starts with quotes before a dangerous character gains one more,
    // so reading it back cannot mistake its own quote for ours.
    ["'=1", "''=1"],
    ["''+1", "'''+1"],
    // Safe values are untouched, including a quote before a safe character.
    ["'hello", "'hello"],
    ['Ana Lima', 'Ana Lima'],
    ['', ''],
    ["'", "'"],
    [' =1', ' =1'],
  ])('%j is written as %j and read back exactly', (value, written) => {
    expect(neutralizeCell(value)).toBe(written);
    expect(unneutralizeCell(written)).toBe(value);
  });

  it('reads an Excel-style text prefix on a foreign phone as the number', () => {
    expect(unneutralizeCell("'+49 30 1234567")).toBe('+49 30 1234567');
  });

  it('round-trips any string exactly', () => {
    fc.assert(
      fc.property(tricky, (value) => {
        expect(unneutralizeCell(neutralizeCell(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never writes a cell that starts with a dangerous character', () => {
    fc.assert(
      fc.property(tricky, (value) => {
        const cell = neutralizeCell(value);
        expect(DANGEROUS_LEADING_CHARACTERS).not.toContain(cell.charAt(0));
        // The only change ever made is one leading quote.
        expect(cell === value || cell === `'${value}`).toBe(true);
        expect(cell !== value).toBe(needsNeutralizing(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves alone any cell it did not neutralize (inverse of the image only)', () => {
    fc.assert(
      fc.property(tricky, (value) => {
        if (!needsNeutralizing(value)) expect(unneutralizeCell(value)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CSV writer', () => {
  it('writes a BOM, CRLF line ends and RFC 4180 quoting', () => {
    const file = formatCsv([
      ['Name', 'Notes', 'Phone 1'],
      ['Müller, Renée', 'said "hi"\nthen left', '+14155550134'],
    ]);
    expect(file).toBe(
      '\ufeffName,Notes,Phone 1\r\n' +
        '"Müller, Renée","said ""hi""\nthen left",\'+14155550134\r\n',
    );
  });

  it('quotes a neutralized cell when its content needs it', () => {
    expect(formatCell('=1,2')).toBe('"\'=1,2"');
    expect(formatCell('\nx')).toBe('"\'\nx"');
    expect(formatCell(' padded ')).toBe('" padded "');
    expect(formatCell('')).toBe('');
  });

  it('writes rows that papaparse reads back to the same cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(tricky, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          expect(readBack(formatCsv(rows))).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes rows one at a time that join into the same file as a whole', () => {
    fc.assert(
      fc.property(fc.array(fc.array(tricky, { minLength: 1, maxLength: 4 })), (rows) => {
        expect(BOM + rows.map(formatRow).join('')).toBe(formatCsv(rows));
      }),
    );
  });

  it('never lets a spreadsheet see a formula at the start of any cell', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), (cells) => {
        const parsed =
          Papa.parse<string[]>(formatRow(cells), { newline: CRLF, delimiter: ',' }).data[0] ?? [];
        for (const cell of parsed)
          expect(DANGEROUS_LEADING_CHARACTERS).not.toContain(cell.charAt(0));
      }),
      { numRuns: 500 },
    );
  });
});
