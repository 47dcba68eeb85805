/**
 * Bad input never reaches storage: control characters, encodings that change after the first
 * 64 KiB, UTF-32, a last row with an open quote, and 40,000 header names alike. Every file is
 * generated here.
 */
import { describe, expect, it } from 'vitest';
import {
  bufferByteSource,
  readCsvRows,
  sniffCsv,
  uniqueHeaderNames,
  type CsvDialect,
} from '@shared/csv';
import { autoMap, pairLabels } from '../../src/renderer/src/domain/import/mapping';
import { convertRow } from '../../src/renderer/src/domain/import/rows';
import { errorReportCsv } from '../../src/renderer/src/services/crm/import/import-jobs';
import { capturingDb, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function utf32(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const points = [...(bom ? '\uFEFF' : ''), ...text].map((char) => char.codePointAt(0) ?? 0);
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((point, index) => view.setUint32(index * 4, point, littleEndian));
  return new Uint8Array(view.buffer);
}

function utf16le(text: string): Uint8Array {
  const view = new DataView(new ArrayBuffer(text.length * 2));
  for (let index = 0; index < text.length; index += 1)
    view.setUint16(index * 2, text.charCodeAt(index), true);
  return new Uint8Array(view.buffer);
}

async function allRows(bytes: Uint8Array, dialect: CsvDialect, chunkBytes?: number) {
  const rows: string[][] = [];
  let unreadable = null;
  for await (const batch of readCsvRows(bufferByteSource(bytes, 'f.csv'), dialect, {
    chunkBytes,
  })) {
    rows.push(...batch.rows);
    unreadable = batch.unreadable ?? unreadable;
  }
  return { rows, unreadable };
}

/** An ASCII CSV of about `bytes` bytes: a header and rows of fans. */
function asciiRows(bytes: number): string {
  const lines = ['Email,First Name,Last Name'];
  for (let n = 0; lines.join('\n').length < bytes; n += 1)
    lines.push(`fan${n}@x.io,Fan,Number${n}`);
  return lines.join('\n') + '\n';
}

const UTF8: CsvDialect = { encoding: 'utf-8', delimiter: ',', newline: '\n' };

describe('control characters', () => {
  const file = utf8('Email,First Name,Notes\nana@x.io,A\u0000na,Hi\u0007 there\nbo@x.io,Bo,fine\n');

  it('are stripped from the cells the import uses, reported per row, and never stored', async () => {
    const db = await capturingDb();
    const { session } = await detectedImport(db, file, 'nul.csv');
    const analysis = await session.analyse();
    expect(analysis.plan).toMatchObject({ control_chars: 1, rows_with_issues: 1, new: 2 });
    expect(analysis.issueRows).toEqual([
      expect.objectContaining({
        row: 2,
        blocked: false,
        issues: [
          {
            kind: 'control-chars',
            column: 1,
            message: '1 control character (NUL) removed from "First Name"',
          },
          {
            kind: 'control-chars',
            column: 2,
            message: '1 control character (U+0007) removed from "Notes"',
          },
        ],
      }),
    ]);
    await session.commit({ fileName: 'nul.csv' });
    const ana = (await db.customer_profiles.toArray()).find((p) => p.first_name === 'Ana');
    expect(ana?.notes).toBe('Hi there');
    const stored = JSON.stringify(await db.sync_outbox.toArray());
    expect(stored).not.toMatch(/\\u0000|\\u0007/);
    // The error report keeps the original cell, so nothing is changed unsaid.
    const report = errorReportCsv(session.headers, session.errorRows());
    expect(report.split('\r\n')[1]).toBe(
      '2,"Imported; 1 control character (NUL) removed from ""First Name""; 1 control character (U+0007) removed from ""Notes""",ana@x.io,A\u0000na,Hi\u0007 there',
    );
  });

  it('a stray NUL does not make a text file binary; many control bytes still do', async () => {
    await expect(sniffCsv(bufferByteSource(file, 'nul.csv'))).resolves.toMatchObject({
      encoding: { encoding: 'utf-8' },
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await expect(sniffCsv(bufferByteSource(png, 'photo.csv'))).rejects.toMatchObject({
      code: 'binary',
    });
  });

  it('are stripped from header names', () => {
    expect(uniqueHeaderNames(['E\u0000mail', 'Name\u001b'])).toEqual(['Email', 'Name']);
  });
});

describe('an encoding that shows itself after the first 64 KiB', () => {
  const head = asciiRows(100 * 1024);

  it('Windows-1252 bytes at 100 KiB: detected as Windows-1252, read as such', async () => {
    const bytes = latin1(head + 'mueller@x.io,Jürgen,Müller\n');
    const sniff = await sniffCsv(bufferByteSource(bytes, 'late.csv'));
    expect(sniff.encoding.encoding).toBe('windows-1252');
    const { rows } = await allRows(bytes, { ...UTF8, encoding: 'windows-1252' });
    expect(rows[rows.length - 1]).toEqual(['mueller@x.io', 'Jürgen', 'Müller']);
  });

  it('UTF-8 bytes at 100 KiB: UTF-8', async () => {
    const bytes = utf8(head + 'mueller@x.io,Jürgen,Müller\n');
    const sniff = await sniffCsv(bufferByteSource(bytes, 'late.csv'));
    expect(sniff.encoding).toMatchObject({ encoding: 'utf-8', reason: 'valid UTF-8' });
  });

  it('read as UTF-8 anyway (chosen, or between the windows looked at): refused, row named', async () => {
    const rowsBefore = head.split('\n').length - 1;
    const bytes = latin1(head + 'mueller@x.io,Jürgen,Müller\n' + asciiRows(2048));
    for (const chunkBytes of [undefined, 4096, 7])
      await expect(allRows(bytes, UTF8, chunkBytes)).rejects.toMatchObject({
        code: 'encoding-mismatch',
        message: `"f.csv" is not UTF-8 all through: row ${(rowsBefore + 1).toLocaleString('en-US')} has a byte UTF-8 does not use (0xFC). It is probably windows-1252: choose it under Encoding in "Header & format" and try again.`,
      });
  });
});

describe('UTF-32 and UTF-16 without a byte order mark', () => {
  const text = 'Email,First Name\nana@x.io,Ana\n';

  it.each([
    [true, true, 'UTF-32 LE'],
    [true, false, 'UTF-32 LE'],
    [false, true, 'UTF-32 BE'],
    [false, false, 'UTF-32 BE'],
  ])('UTF-32 (little endian %s, mark %s) is refused in words', async (little, bom, name) => {
    await expect(
      sniffCsv(bufferByteSource(utf32(text, little, bom), 'wide.csv')),
    ).rejects.toMatchObject({
      code: 'unsupported-encoding',
      message: `This file is in ${name}, which Encore cannot read. Save it again as UTF-8 (in Excel: Save As › "CSV UTF-8") and try again.`,
    });
  });

  it('UTF-16 LE without a mark is recognised and read', async () => {
    const sniff = await sniffCsv(bufferByteSource(utf16le(text), 'sixteen.csv'));
    expect(sniff.encoding.encoding).toBe('utf-16le');
    expect(sniff.preview).toEqual([
      ['Email', 'First Name'],
      ['ana@x.io', 'Ana'],
    ]);
  });
});

describe('a last row with a quote never closed', () => {
  const file = 'Email,First Name,Notes\nana@x.io,Ana,hi\nbo@x.io,Bo,"never closed\n';

  it.each([undefined, 5])(
    'reads the rows before it and reports it (chunks of %s bytes)',
    async (chunk) => {
      const { rows, unreadable } = await allRows(utf8(file), UTF8, chunk);
      expect(rows).toEqual([
        ['Email', 'First Name', 'Notes'],
        ['ana@x.io', 'Ana', 'hi'],
      ]);
      expect(unreadable).toEqual({
        row: 3,
        cells: ['bo@x.io', 'Bo', 'never closed'],
        reason: 'Row 3 opens a quote (") that is never closed, at the end of the file',
      });
    },
  );

  it('is refused when the open quote runs over a line break (it may hide rows)', async () => {
    const swallowing = 'Email,First Name,Notes\nana@x.io,Ana,"open\nbo@x.io,Bo,x\n';
    await expect(allRows(utf8(swallowing), UTF8)).rejects.toMatchObject({
      code: 'unterminated-quote',
      message:
        'Row 2 opens a quote (") that is never closed, so the 2 lines after it would be one cell. Fix the quote and try again.',
    });
  });

  it('imports the other rows; the broken one is listed, not imported, and can be fixed', async () => {
    const db = freshDb();
    const { session } = await detectedImport(db, file + '', 'open.csv');
    const analysis = await session.analyse();
    expect(analysis.plan).toMatchObject({ new: 1, rows_not_importable: 1 });
    expect(analysis.issueRows).toEqual([
      expect.objectContaining({ row: 3, blocked: true, cells: ['bo@x.io', 'Bo', 'never closed'] }),
    ]);
    const fixed = await session.fixCell(3, 2, 'closed now');
    expect(fixed.plan).toMatchObject({ new: 2, rows_not_importable: 0 });
    await session.commit({ fileName: 'open.csv' });
    expect((await db.customer_profiles.toArray()).map((p) => p.notes).sort()).toEqual([
      'closed now',
      'hi',
    ]);
  });
});

describe('header names', () => {
  it('40,000 copies of one name become unique, numbered in order', () => {
    const names = uniqueHeaderNames(Array.from({ length: 40_000 }, () => 'Email'));
    expect(names[0]).toBe('Email');
    expect(names[1]).toBe('Email (2)');
    expect(names[39_999]).toBe('Email (40000)');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(40_000);
    expect(names.every((name, i) => name === (i === 0 ? 'Email' : `Email (${i + 1})`))).toBe(true);
  });

  it('40,000 email columns map, pair their labels and read a row', () => {
    const headers = uniqueHeaderNames([
      ...Array.from({ length: 40_000 }, () => 'Email'),
      'Phone 1 - Label',
      'Phone 1 - Value',
    ]);
    // "Email" to "Email (9)" are close enough to match by themselves; the user maps the rest.
    const auto = autoMap(headers);
    expect(auto.filter((m) => m.field === 'email')).toHaveLength(9);
    const mapping = pairLabels(
      auto.map((m) => (m.header.startsWith('Email') ? { ...m, field: 'email' as const } : m)),
    );
    expect(mapping[40_000]).toMatchObject({ field: 'phone_label', pairs_with: 40_001 });
    const cells = Array.from({ length: 40_002 }, () => '');
    cells[0] = 'first@x.io';
    cells[39_999] = 'last@x.io';
    cells[40_000] = 'Mobile';
    cells[40_001] = '+1 415 555 0134';
    const row = convertRow(cells, 2, { mapping, defaultRegion: 'US', dateFormat: 'YYYY-MM-DD' });
    expect(row.emails.map((e) => [e.address, e.label])).toEqual([
      // "Email" only names the kind: no label (import-mapping.test.ts).
      ['first@x.io', ''],
      ['last@x.io', 'Email (40000)'],
    ]);
    expect(row.phones).toEqual([
      { e164: '+14155550134', raw: '+1 415 555 0134', type: 'mobile', label: 'Mobile' },
    ]);
  });

  it('skips numbers the file already uses, case-insensitively', () => {
    expect(uniqueHeaderNames(['Email', 'email (2)', 'EMAIL', 'Email', 'Email (3)'])).toEqual([
      'Email',
      'email (2)',
      'EMAIL (3)',
      'Email (4)',
      'Email (3) (2)',
    ]);
  });
});
