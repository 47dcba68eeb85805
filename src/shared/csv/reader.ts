/**
 * The CSV reading core: bytes -> decoded text -> rows, streamed. One chunk of bytes is read,
 * decoded (TextDecoder with stream: true, so a character split between chunks survives) and
 * fed to papaparse's Parser; the incomplete last row is carried into the next chunk, exactly as
 * papaparse's own streamers do. Memory holds one chunk and one row, never the file.
 */
import Papa from 'papaparse';
import type { ByteSource } from './byte-source';
import { detectDelimiter, detectNewline, type CsvDelimiter, type CsvNewline } from './dialect';
import { detectEncoding, type CsvEncoding, type EncodingGuess } from './encoding';
import { CsvReadError, isCsvReadError } from './errors';
import { nonBlank, notUtf8Error, openQuoteAtEnd, type UnreadableRow } from './read-problems';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** A row (one record, quoted newlines included) longer than this is an unterminated quote. */
export const MAX_ROW_CHARS = 4 * 1024 * 1024;
const SAMPLE_BYTES = 64 * 1024;
/** Windows read from further into a large file for the encoding check (besides the start). */
const LATER_WINDOWS = 7;

export type CsvDialect = { encoding: CsvEncoding; delimiter: CsvDelimiter; newline: CsvNewline };

export type CsvSniff = {
  encoding: EncodingGuess;
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  /** The first rows of the file as read with this dialect (header candidates + samples). */
  preview: string[][];
};

export type CsvRowBatch = {
  rows: string[][];
  /** 0-based index, among all non-blank records of the file, of rows[0]. */
  firstRow: number;
  bytesRead: number;
  totalBytes: number;
  /** In the last batch: a last record left with an open quote (see openQuoteAtEnd). */
  unreadable?: UnreadableRow;
};

export type ReadOptions = {
  chunkBytes?: number;
  signal?: AbortSignal;
  /** Stop after this many rows (previews). */
  maxRows?: number;
};

async function readRange(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(offset, length);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CsvReadError(
      'read-failed',
      `Could not read "${source.name}" (${detail}). Was it moved, deleted or on a disconnected drive?`,
    );
  }
  const expected = Math.min(length, source.size - offset);
  if (bytes.byteLength !== expected)
    throw new CsvReadError(
      'file-changed',
      `"${source.name}" changed while it was being read. Close the program writing it and try again.`,
    );
  return bytes;
}

/**
 * Windows of SAMPLE_BYTES spread evenly through the rest of the file, the last one ending at
 * its end: what the encoding check sees besides the start (at most 512 KiB read in all).
 */
async function laterWindows(source: ByteSource): Promise<Uint8Array[]> {
  const rest = source.size - SAMPLE_BYTES;
  if (rest <= 0) return [];
  const count = Math.min(LATER_WINDOWS, Math.ceil(rest / SAMPLE_BYTES));
  const windows: Uint8Array[] = [];
  for (let n = 1; n <= count; n += 1) {
    const end = SAMPLE_BYTES + Math.round((rest * n) / count);
    const start = Math.max(SAMPLE_BYTES, end - SAMPLE_BYTES);
    windows.push(await readRange(source, start, end - start));
  }
  return windows;
}

/**
 * Encoding (from the first 64 KiB and windows further in), delimiter, line ending and the
 * first rows (from the first 64 KiB).
 */
export async function sniffCsv(
  source: ByteSource,
  overrides: Partial<Pick<CsvDialect, 'encoding' | 'delimiter'>> = {},
  previewRows = 20,
): Promise<CsvSniff> {
  if (source.size === 0) throw new CsvReadError('empty', `"${source.name}" is empty.`);
  const sample = await readRange(source, 0, Math.min(SAMPLE_BYTES, source.size));
  const detected = overrides.encoding
    ? detectEncoding(sample)
    : detectEncoding(sample, await laterWindows(source));
  const encoding: EncodingGuess = overrides.encoding
    ? { encoding: overrides.encoding, confidence: 100, bom: detected.bom, reason: 'chosen' }
    : detected;
  const text = new TextDecoder(encoding.encoding).decode(sample, { stream: true });
  if (text.trim() === '') throw new CsvReadError('empty', `"${source.name}" has no text in it.`);
  const newline = detectNewline(text);
  const complete = sample.byteLength === source.size;
  const delimiter = overrides.delimiter ?? detectDelimiter(text, newline, complete);
  const preview: string[][] = [];
  for await (const batch of readCsvRows(
    source,
    { encoding: encoding.encoding, delimiter, newline },
    // Small chunks: the preview runs on the UI thread and needs a few rows, not a megabyte.
    { maxRows: previewRows, chunkBytes: SAMPLE_BYTES },
  ))
    preview.push(...batch.rows);
  return { encoding, delimiter, newline, preview };
}

type ParseResult = {
  data: string[][];
  errors: { type: string; code: string; row?: number }[];
  meta: { cursor: number };
};

/**
 * Every non-blank record of the file, in batches (one per chunk of bytes). Throws a
 * CsvReadError with a message for the user: unreadable file, file changed or vanished, bytes
 * that are not UTF-8 in a file read as UTF-8, a quote that swallows more than its own line,
 * runaway row, cancelled. A last record whose open quote stays on its line is left out of
 * the rows and reported in the last batch (`unreadable`).
 */
export async function* readCsvRows(
  source: ByteSource,
  dialect: CsvDialect,
  options: ReadOptions = {},
): AsyncGenerator<CsvRowBatch> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  // Fatal for UTF-8: bytes it does not use mean another encoding, said with their row.
  const decoder = new TextDecoder(dialect.encoding, { fatal: dialect.encoding === 'utf-8' });
  let carry = '';
  let rowIndex = 0;
  let offset = 0;
  try {
    while (offset < source.size || carry !== '') {
      if (options.signal?.aborted) throw new CsvReadError('cancelled', 'Reading was cancelled.');
      const last = offset + chunkBytes >= source.size;
      const bytes =
        offset < source.size
          ? await readRange(source, offset, Math.min(chunkBytes, source.size - offset))
          : new Uint8Array(0);
      offset += bytes.byteLength;
      let text: string;
      try {
        text = carry + decoder.decode(bytes, { stream: !last });
      } catch {
        throw notUtf8Error(source.name, bytes, carry, dialect, rowIndex);
      }
      const parser = new Papa.Parser({
        delimiter: dialect.delimiter,
        newline: dialect.newline,
      });
      const result = parser.parse(text, 0, !last) as ParseResult;
      const quoteError = result.errors.find((error) => error.code === 'MissingQuotes');
      const broken = last && quoteError ? (quoteError.row ?? result.data.length - 1) : null;
      const unreadable =
        broken === null ? undefined : openQuoteAtEnd(result.data, broken, rowIndex);
      carry = last ? '' : text.slice(result.meta.cursor);
      if (carry.length > MAX_ROW_CHARS)
        throw new CsvReadError(
          'row-too-long',
          `Row ${rowIndex + 1} is longer than ${MAX_ROW_CHARS / (1024 * 1024)} million characters: most likely a quote (") that is never closed.`,
        );
      const rows = nonBlank(broken === null ? result.data : result.data.slice(0, broken));
      if (rows.length > 0 || last) {
        const take = rows.slice(0, Math.max(0, maxRows - rowIndex));
        const batch = {
          rows: take,
          firstRow: rowIndex,
          bytesRead: offset,
          totalBytes: source.size,
        };
        yield unreadable && take.length === rows.length ? { ...batch, unreadable } : batch;
        rowIndex += take.length;
        if (rowIndex >= maxRows) return;
      }
      if (last) return;
    }
  } catch (error) {
    if (isCsvReadError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CsvReadError('read-failed', `Could not read "${source.name}": ${detail}`);
  }
}
