/**
 * Two ways a file goes wrong while it streams, each turned into words with the row it happens
 * in: bytes that are not UTF-8 in a file read as UTF-8, and a quote opened in the last row
 * and never closed.
 */
import Papa from 'papaparse';
import type { CsvDelimiter, CsvNewline } from './dialect';
import { detectEncoding } from './encoding';
import { CsvReadError } from './errors';

/** A record the reader could not read whole; the rows around it are read as usual. */
export type UnreadableRow = {
  /** 1-based, among the file's non-blank records (the header is row 1). */
  row: number;
  /** The record as far as it could be split (the open quote's field runs to the end). */
  cells: string[];
  reason: string;
};

function isBlank(row: readonly string[]): boolean {
  return row.length === 0 || (row.length === 1 && row[0]?.trim() === '');
}

/** Non-blank records among parsed rows. */
export function nonBlank(rows: readonly string[][]): string[][] {
  return rows.filter((row) => !isBlank(row));
}

/** Index of the first byte that strict UTF-8 refuses (binary search on prefixes). */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  return bad - 1;
}

/**
 * The error for a chunk of a file read as UTF-8 that holds bytes UTF-8 does not use (a file
 * that is ASCII at its start and Windows-1252 further on). Decoding on with replacement
 * characters would store "Mï¿½ller" silently; this names the row and the likely encoding.
 */
export function notUtf8Error(
  name: string,
  bytes: Uint8Array,
  carry: string,
  dialect: { delimiter: CsvDelimiter; newline: CsvNewline },
  rowsBefore: number,
): CsvReadError {
  // The chunk may begin inside a character the previous chunk started.
  let start = 0;
  while (start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
  const index = start + firstInvalidByte(bytes.subarray(start));
  const before = carry + new TextDecoder('utf-8').decode(bytes.subarray(start, index));
  const parsed = new Papa.Parser(dialect).parse(before, 0, false) as { data: string[][] };
  const lastRow = parsed.data[parsed.data.length - 1] ?? [];
  const row = rowsBefore + nonBlank(parsed.data).length + (isBlank(lastRow) ? 1 : 0);
  let likely = '';
  try {
    likely = ` It is probably ${detectEncoding(bytes.subarray(index)).encoding}:`;
  } catch {
    likely = '';
  }
  const hex = (bytes[index] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new CsvReadError(
    'encoding-mismatch',
    `"${name}" is not UTF-8 all through: row ${row.toLocaleString('en-US')} has a byte UTF-8 does not use (0x${hex}).${likely} choose it under Encoding in "Header & format" and try again.`,
  );
}

/**
 * A quote opened in the last record and never closed. When the open field stays on that
 * record's line, nothing but the end of that line is in it: the record is reported and every
 * other row read. When it runs over a line break, it may have swallowed real rows (a missing
 * closing quote in the middle of a file swallows everything after it), so the file is
 * refused, naming the row.
 */
export function openQuoteAtEnd(
  data: readonly string[][],
  brokenIndex: number,
  rowsBefore: number,
): UnreadableRow {
  const cells = [...(data[brokenIndex] ?? [])];
  const row = rowsBefore + nonBlank(data.slice(0, brokenIndex)).length + 1;
  // The file's own last line ending sits inside the open field: it is not a second line.
  const last = (cells[cells.length - 1] ?? '').replace(/(\r\n|\r|\n)$/, '');
  cells[cells.length - 1] = last;
  // Only the open field can have swallowed lines: earlier fields of the record were closed.
  const lines = last.split(/\r\n|\r|\n/).length;
  if (lines > 1)
    throw new CsvReadError(
      'unterminated-quote',
      `Row ${row.toLocaleString('en-US')} opens a quote (") that is never closed, so the ${lines.toLocaleString('en-US')} lines after it would be one cell. Fix the quote and try again.`,
    );
  return {
    row,
    cells,
    reason: `Row ${row.toLocaleString('en-US')} opens a quote (") that is never closed, at the end of the file`,
  };
}
