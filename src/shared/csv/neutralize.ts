/**
 * CSV-injection neutralization (OWASP "CSV Injection") and its exact inverse.
 *
 * A spreadsheet treats a cell that starts with `=` `+` `-` `@` (and, in some versions, tab,
 * CR, LF or NUL) as a formula, and spreadsheets set up for Japanese, Chinese or Korean input
 * also take the full-width signs `＝` `﹦` `＋` `－` `＠` (U+FF1D, U+FE66, U+FF0B, U+FF0D,
 * U+FF20) for them. The export therefore prefixes such a cell with one single quote, which
 * spreadsheets show as text.
 *
 * The rule must also round-trip: our own importer reads our exports back unchanged, so a
 * phone "+14155550134" written as "'+14155550134" comes back as "+14155550134", while a
 * cell that really started with a quote ("'=ok") must not lose it. Hence:
 *
 *   A value is *at risk* when it matches  /^'*[=+\-@\t\r\n\0＝﹦＋－＠]/
 *   (zero or more quotes, then a dangerous character).
 *
 *   neutralizeCell(v)   = at risk ? "'" + v : v
 *   unneutralizeCell(c) = c matches /^'+[=+\-@\t\r\n\0＝﹦＋－＠]/ ? c.slice(1) : c
 *
 * Every value that neutralizeCell changes gains exactly one quote and then matches the
 * inverse's pattern; every value it leaves alone does not. So
 * `unneutralizeCell(neutralizeCell(v)) === v` for every string, and no neutralized cell
 * starts with a dangerous character. The importer applies unneutralizeCell to every cell of
 * every file (after CSV parsing, before mapping): a foreign file's "'+1 415..." (Excel's
 * text prefix) then also reads as the number the user meant.
 *
 * Pure string functions; no imports, usable by main, the renderer and workers.
 */

/** Leading characters a spreadsheet may evaluate as the start of a formula. */
export const DANGEROUS_LEADING_CHARACTERS: readonly string[] = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\0',
  // Full-width and small forms that spreadsheets with CJK input read as the signs above.
  '\uFF1D',
  '\uFE66',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
];

const AT_RISK = /^'*[=+\-@\t\r\n\0\uFF1D\uFE66\uFF0B\uFF0D\uFF20]/;
const NEUTRALIZED = /^'+[=+\-@\t\r\n\0\uFF1D\uFE66\uFF0B\uFF0D\uFF20]/;

/** True when neutralizeCell would prefix this value with a quote. */
export function needsNeutralizing(value: string): boolean {
  return AT_RISK.test(value);
}

/** The cell as written to a CSV file: safe to open in a spreadsheet. */
export function neutralizeCell(value: string): string {
  return AT_RISK.test(value) ? `'${value}` : value;
}

/** The exact inverse of neutralizeCell: what the importer applies to every cell it reads. */
export function unneutralizeCell(cell: string): string {
  return NEUTRALIZED.test(cell) ? cell.slice(1) : cell;
}
