/** Delimiter and line ending, guessed from the first decoded text of a file. */
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];
export type CsvNewline = '\n' | '\r\n' | '\r';

export function isCsvDelimiter(value: string): value is CsvDelimiter {
  return (DELIMITERS as readonly string[]).includes(value);
}

/** Same rule as papaparse's own guess: the line ending outside quoted fields. */
export function detectNewline(text: string): CsvNewline {
  const unquoted = text.slice(0, 1024 * 1024).replace(/"[\s\S]*?"/g, '');
  const r = unquoted.split('\r');
  const n = unquoted.split('\n');
  if (r.length === 1 || (n.length > 1 && (n[0]?.length ?? 0) < (r[0]?.length ?? 0))) return '\n';
  const withN = r.slice(1).filter((part) => part.startsWith('\n')).length;
  return withN >= (r.length - 1) / 2 ? '\r\n' : '\r';
}

/**
 * The delimiter that splits the sample's complete rows into the most consistent number of
 * fields (more than one). Ties go to the earlier one: , before ; before tab before |.
 */
export function detectDelimiter(
  text: string,
  newline: CsvNewline,
  /** True when `text` is the whole file, so its last row is complete. */
  complete = false,
): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const parser = new Papa.Parser({ delimiter, newline, preview: 30 });
    const rows = (parser.parse(text, 0, !complete) as { data: string[][] }).data.filter(
      (row) => !(row.length === 1 && row[0] === ''),
    );
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    const [width, agreeing] = [...counts.entries()].sort(
      (a, b) => b[1] - a[1] || b[0] - a[0],
    )[0] ?? [1, 0];
    if (width < 2) continue;
    // Agreement matters most; width breaks near-ties (a ; file has commas inside notes).
    const score = (agreeing / rows.length) * 1000 + Math.min(width, 200);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
