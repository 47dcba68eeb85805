/**
 * An Excel-friendly CSV writer: UTF-8 with a byte-order mark (so Excel on Windows reads
 * accents right), CRLF line ends, RFC 4180 quoting, and every cell neutralized against CSV
 * injection (see src/shared/csv/neutralize.ts for the rule and its inverse).
 */
import { neutralizeCell } from '@shared/csv/neutralize';

/** U+FEFF: written once at the start of the file; UTF-8 encodes it as EF BB BF. */
export const BOM = '\ufeff';
export const CRLF = '\r\n';

// A quote, the delimiter or a line break forces quoting (RFC 4180); leading or trailing
// whitespace too, because some readers trim unquoted fields.
const NEEDS_QUOTES = /["\r\n,]|^\s|\s$/;

/**
 * How cells are written: `protected` puts an apostrophe before a leading +, -, =, @ (a
 * spreadsheet then never runs the cell as a formula); `raw` writes values as stored, for
 * moving to another system that would keep the apostrophe as part of the value.
 */
export type CellWriting = 'protected' | 'raw';

/** One cell as it appears in the file: neutralized (unless raw), then quoted when it must be. */
export function formatCell(value: string, cells: CellWriting = 'protected'): string {
  const safe = cells === 'raw' ? value : neutralizeCell(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, ending with CRLF. */
export function formatRow(cells: readonly string[]): string {
  return formatRowAs(cells, 'protected');
}

/** One record, ending with CRLF, its cells written as `writing` says. */
export function formatRowAs(cells: readonly string[], writing: CellWriting): string {
  let line = '';
  for (let index = 0; index < cells.length; index += 1) {
    if (index > 0) line += ',';
    line += formatCell(cells[index] ?? '', writing);
  }
  return line + CRLF;
}

/** A whole file in one string: for small exports and tests; the service streams instead. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map(formatRow).join('');
}
