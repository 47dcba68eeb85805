/**
 * Which region a file's national phone numbers are probably written in, and why in words:
 * "Suggested Germany: 31 phones start with +49, headers are German". Read from the sample the
 * wizard already holds (the first rows): international numbers name their country, German
 * headers and DD.MM.YYYY dates point to the German-speaking countries. Pure.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type RegionEvidence = {
  headers: readonly string[];
  /** Cells of the columns mapped to phones. */
  phones: readonly string[];
  /** Cells of the date column, if any. */
  dates: readonly string[];
};

export type RegionSuggestion = { region: string; reasons: string[] };

/** Header words only German files use (folded: lower case, no accents). */
const GERMAN_HEADERS = new Set([
  'vorname',
  'nachname',
  'telefon',
  'telefonnummer',
  'handy',
  'mobiltelefon',
  'geburtsdatum',
  'geburtstag',
  'notizen',
  'anrede',
  'strasse',
  'ort',
  'plz',
  'firma',
  'e-mail-adresse',
]);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ß/g, 'ss')
    .trim()
    .toLowerCase();

/** Phones written with a country code, counted by the region they belong to. */
function countryCodes(phones: readonly string[]): Map<string, { count: number; code: string }> {
  const counts = new Map<string, { count: number; code: string }>();
  for (const raw of phones) {
    const text = raw.trim().replace(/^00/, '+');
    if (!text.startsWith('+')) continue;
    const parsed = parsePhoneNumberFromString(text);
    if (!parsed?.country) continue;
    const entry = counts.get(parsed.country) ?? { count: 0, code: parsed.countryCallingCode };
    entry.count += 1;
    counts.set(parsed.country, entry);
  }
  return counts;
}

function germanHeaderCount(headers: readonly string[]): number {
  return headers.filter((header) => GERMAN_HEADERS.has(fold(header))).length;
}

function dottedDates(dates: readonly string[]): number {
  return dates.filter((value) => /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(value.trim())).length;
}

/** Scores per region: a phone with its code is one point, German headers and dates three. */
function scores(evidence: RegionEvidence) {
  const codes = countryCodes(evidence.phones);
  const german = germanHeaderCount(evidence.headers) >= 2;
  const dotted = dottedDates(evidence.dates) > 0;
  const score = new Map<string, number>();
  for (const [region, { count }] of codes) score.set(region, count);
  if (german) score.set('DE', (score.get('DE') ?? 0) + 3);
  if (dotted && (german || score.has('DE'))) score.set('DE', (score.get('DE') ?? 0) + 3);
  return { codes, german, dotted, score };
}

/**
 * The best-supported region, or null when the sample says nothing (no international numbers,
 * no German headers): then the user's default region stays.
 */
export function suggestRegion(evidence: RegionEvidence): RegionSuggestion | null {
  const { codes, german, dotted, score } = scores(evidence);
  const best = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!best) return null;
  const [region] = best;
  const reasons: string[] = [];
  const code = codes.get(region);
  if (code)
    reasons.push(
      `${code.count} phone${code.count === 1 ? ' starts' : 's start'} with +${code.code}`,
    );
  if (region === 'DE' && german) reasons.push('headers are German');
  if (region === 'DE' && dotted) reasons.push('dates are written DD.MM.YYYY');
  return { region, reasons };
}
