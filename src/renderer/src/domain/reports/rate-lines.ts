/**
 * Rates as a person types them in Settings, one currency a line ("USD 1.0856", "GBP = 0.85"),
 * read into a rate set's `rates`; each line that cannot be read is said in words.
 */
export type RateLines = { rates: Record<string, string>; problems: string[] };

const LINE = /^([A-Za-z]{3})\s*(?:=|:)?\s*([0-9][0-9_.,]*)$/;

export function parseRateLines(text: string): RateLines {
  const rates: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const match = LINE.exec(line);
    if (!match) {
      problems.push(
        `Line ${i + 1} (“${line}”): write a currency code and a rate, like “USD 1.0856”`,
      );
      return;
    }
    const code = match[1]!.toUpperCase();
    if (code in rates) problems.push(`Line ${i + 1}: ${code} is listed twice`);
    // A comma is read as a decimal point ("0,85"), as many keyboards type it.
    rates[code] = match[2]!.replace(',', '.');
  });
  if (Object.keys(rates).length === 0 && problems.length === 0)
    problems.push('Add at least one rate, like “USD 1.0856”');
  return { rates, problems };
}

/** "USD 1.0856, GBP 0.85": a set's rates on one line. */
export function rateLinesText(rates: Readonly<Record<string, string | number>>): string {
  return Object.entries(rates)
    .map(([code, rate]) => `${code} ${rate}`)
    .join(', ');
}
