import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  bufferByteSource,
  readCsvRows,
  sniffCsv,
  uniqueHeaderNames,
  type ByteSource,
  type CsvDialect,
} from '@shared/csv';

const fixtures = join(process.cwd(), '..', 'shared', 'fixtures', 'csv');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function readAll(source: ByteSource, dialect?: CsvDialect, chunkBytes?: number) {
  let use = dialect;
  if (!use) {
    const sniff = await sniffCsv(source);
    use = { encoding: sniff.encoding.encoding, delimiter: sniff.delimiter, newline: sniff.newline };
  }
  const rows: string[][] = [];
  for await (const batch of readCsvRows(source, use, chunkBytes ? { chunkBytes } : {}))
    rows.push(...batch.rows);
  return rows;
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = littleEndian ? code & 0xff : code >> 8;
    bytes[3 + i * 2] = littleEndian ? code >> 8 : code & 0xff;
  }
  return bytes;
}

describe('encoding and dialect detection', () => {
  it('reads the German Excel fixture as windows-1252 with semicolons', async () => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, 'excel-de-semicolon-cp1252.csv')));
    const source = bufferByteSource(bytes, 'de.csv');
    const sniff = await sniffCsv(source);
    expect(sniff.encoding.encoding).toBe('windows-1252');
    expect(sniff.delimiter).toBe(';');
    const rows = await readAll(source);
    expect(rows).toHaveLength(99);
    expect(rows.flat().join(' ')).toMatch(/[äöüß]/);
    expect(rows.flat().join(' ')).not.toContain('\uFFFD');
  });

  it('detects UTF-8 with and without BOM, UTF-16 LE and BE with BOM', async () => {
    const text = 'Name,Stadt\r\nJürgen,Köln\r\nŁukasz,Kraków\r\n';
    const expected = [
      ['Name', 'Stadt'],
      ['Jürgen', 'Köln'],
      ['Łukasz', 'Kraków'],
    ];
    const cases: [Uint8Array, string, boolean][] = [
      [utf8(text), 'utf-8', false],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'utf-8', true],
      [utf16(text, true), 'utf-16le', true],
      [utf16(text, false), 'utf-16be', true],
    ];
    for (const [bytes, encoding, bom] of cases) {
      const source = bufferByteSource(bytes, 'x.csv');
      const sniff = await sniffCsv(source);
      expect(sniff.encoding).toMatchObject({ encoding, bom });
      expect(sniff.newline).toBe('\r\n');
      expect(await readAll(source, undefined, 5)).toEqual(expected);
    }
  });

  it('lets the user override a wrong guess', async () => {
    const source = bufferByteSource(utf8('a;b\n1;2\n'), 'x.csv');
    const sniff = await sniffCsv(source, { delimiter: ',', encoding: 'windows-1252' });
    expect(sniff.delimiter).toBe(',');
    expect(sniff.encoding.encoding).toBe('windows-1252');
    expect(sniff.preview).toEqual([['a;b'], ['1;2']]);
  });

  it.each([
    [',', 'a,b,c\n1,"x;y|z",3\n'],
    [';', 'a;b;c\n1;"x, y";3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1\t2,5\t3\n'],
    ['|', 'a|b|c\n1|2;3|x,y\n'],
  ])('detects the delimiter %j', async (delimiter, text) => {
    expect((await sniffCsv(bufferByteSource(utf8(text), 'x.csv'))).delimiter).toBe(delimiter);
  });
});

describe('header names', () => {
  it('makes empty and repeated names unique', () => {
    expect(uniqueHeaderNames(['Email', ' email ', '', 'Email (2)', 'Name'])).toEqual([
      'Email',
      'email (2)',
      'Column 3',
      'Email (2) (2)',
      'Name',
    ]);
    expect(uniqueHeaderNames(['A'], 3)).toEqual(['A', 'Column 2', 'Column 3']);
  });
});

describe('bad input gets a clear message', () => {
  const read = (bytes: Uint8Array, chunkBytes?: number) =>
    readAll(bufferByteSource(bytes, 'bad.csv'), undefined, chunkBytes);

  it('refuses a binary file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(read(png)).rejects.toMatchObject({ code: 'binary', message: /not a text file/ });
  });

  it('refuses an empty or blank file', async () => {
    await expect(read(new Uint8Array())).rejects.toMatchObject({ code: 'empty' });
    await expect(read(utf8('\n\r\n  \n'))).rejects.toMatchObject({ code: 'empty' });
  });

  it('reads a header-only file as one row', async () => {
    expect(await read(utf8('Email,Name\n'))).toEqual([['Email', 'Name']]);
  });

  it('reads a 200,000-character field across chunks', async () => {
    const long = 'x'.repeat(200_000);
    const rows = await read(utf8(`a,b\n"${long}",2\n3,4\n`), 64 * 1024);
    expect(rows[1]?.[0]).toHaveLength(200_000);
    expect(rows[2]).toEqual(['3', '4']);
  });

  it('names the row of an unterminated quote', async () => {
    await expect(read(utf8('a,b\n1,2\n3,"oops\n5,6\n'), 4)).rejects.toMatchObject({
      code: 'unterminated-quote',
      message: /Row 3 opens a quote/,
    });
  });

  it('stops a runaway row instead of holding the whole file', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024 + 10).fill(0x61);
    huge.set(utf8('a,"'), 0);
    await expect(read(huge, 1024 * 1024)).rejects.toMatchObject({ code: 'row-too-long' });
  });

  it('reports a file that vanishes or shrinks mid-read', async () => {
    const bytes = utf8('a,b\n' + '1,2\n'.repeat(1000));
    const vanishing: ByteSource = {
      name: 'gone.csv',
      size: bytes.length,
      read: async (offset, length) => {
        if (offset > 100) throw new Error('ENOENT: no such file or directory');
        return bytes.slice(offset, offset + length);
      },
    };
    const dialect = { encoding: 'utf-8', delimiter: ',', newline: '\n' } as const;
    await expect(readAll(vanishing, dialect, 64)).rejects.toMatchObject({
      code: 'read-failed',
      message: /Could not read "gone.csv".*ENOENT/,
    });
    const shrinking: ByteSource = { ...vanishing, read: async (o, l) => bytes.slice(o, o + l / 2) };
    await expect(readAll(shrinking, dialect, 64)).rejects.toMatchObject({ code: 'file-changed' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const rows = readCsvRows(
      bufferByteSource(utf8('a\n1\n'), 'x.csv'),
      { encoding: 'utf-8', delimiter: ',', newline: '\n' },
      { signal: controller.signal },
    );
    await expect(rows.next()).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('streaming equals reading whole', () => {
  it('gives papaparse-whole-file rows for any table and any chunk size', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', '€', '"', ',', '\n', '\r\n', ' ', '😀'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (table, chunkBytes) => {
          const rows = [['h1', 'h2'], ...table];
          const text = Papa.unparse(rows, { quotes: true, newline: '\r\n' });
          const dialect = { encoding: 'utf-8', delimiter: ',', newline: '\r\n' } as const;
          const read = await readAll(bufferByteSource(utf8(text), 'p.csv'), dialect, chunkBytes);
          const blank = (row: string[]) => row.length === 1 && row[0]?.trim() === '';
          expect(read).toEqual(rows.filter((row) => !blank(row)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
