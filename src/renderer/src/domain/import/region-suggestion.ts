/**
 * Which region a file's national phone numbers are probably written in, and why in words:
 * "Suggested Germany: 40 phones without a country code are valid there, 31 phones start with
 * +49, headers are German". Read from the sample the wizard already holds (the first rows):
 * international numbers name their country, German headers and DD.MM.YYYY dates point to the
 * German-speaking countries, and the user's own region is a candidate too. The region is only
 * ever used for the numbers written WITHOUT a country code, so the candidate that reads most
 * of those as valid wins; the other clues only decide between candidates that read as many
 * (a HubSpot export with 70 British numbers written +44 and 60 American ones written
 * "(212) 817-3925" is American: suggesting Britain left the 60 invalid). Pure.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type RegionEvidence = {
  headers: readonly string[];
  /** Cells of the columns mapped to phones. */
  phones: readonly string[];
  /** Cells of the date column, if any. */
  dates: readonly string[];
  /** The region national numbers are read in unless the file says otherwise (Settings). */
  defaultRegion?: string;
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

const international = (raw: string) => raw.trim().replace(/^00/, '+');

/** Phones written without a country code: the only ones the region is used for. */
function nationalNumbers(phones: readonly string[]): string[] {
  return phones.filter((raw) => /\d/.test(raw) && !international(raw).startsWith('+'));
}

/** How many of the national numbers read as valid numbers in the region. */
function validIn(region: string, national: readonly string[]): number {
  let count = 0;
  for (const text of national) {
    // A region libphonenumber does not know reads nothing (and must not throw).
    if (parsePhoneNumberFromString(text, region as CountryCode)?.isValid()) count += 1;
  }
  return count;
}

/** Phones written with a country code, counted by the region they belong to. */
function countryCodes(phones: readonly string[]): Map<string, { count: number; code: string }> {
  const counts = new Map<string, { count: number; code: string }>();
  for (const raw of phones) {
    const text = international(raw);
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
 * The region that reads most of the file's national numbers, the clues above deciding
 * between equals; or null when the sample says nothing beyond the user's own region (no
 * international numbers, no German headers, or nothing reads better than it does).
 */
export function suggestRegion(evidence: RegionEvidence): RegionSuggestion | null {
  const { codes, german, dotted, score } = scores(evidence);
  const { defaultRegion } = evidence;
  const candidates = new Set(score.keys());
  if (defaultRegion) candidates.add(defaultRegion);
  const national = nationalNumbers(evidence.phones);
  const ranked = [...candidates]
    .map((region) => ({
      region,
      reads: validIn(region, national),
      clues: score.get(region) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.reads - a.reads ||
        b.clues - a.clues ||
        Number(b.region === defaultRegion) - Number(a.region === defaultRegion) ||
        a.region.localeCompare(b.region),
    );
  const best = ranked[0];
  if (!best || (best.clues === 0 && best.reads === 0)) return null;
  const { region, reads } = best;
  // The user's own region, winning on the national numbers alone, is nothing new to say.
  if (region === defaultRegion && best.clues === 0) return null;
  const reasons: string[] = [];
  if (reads > 0)
    reasons.push(
      `${reads} phone${reads === 1 ? '' : 's'} without a country code ${reads === 1 ? 'is' : 'are'} valid there`,
    );
  const code = codes.get(region);
  if (code)
    reasons.push(
      `${code.count} phone${code.count === 1 ? ' starts' : 's start'} with +${code.code}`,
    );
  if (region === 'DE' && german) reasons.push('headers are German');
  if (region === 'DE' && dotted) reasons.push('dates are written DD.MM.YYYY');
  return { region, reasons };
}
