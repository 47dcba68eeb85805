/**
 * Phones read once per distinct cell: libphonenumber's parse and validity check are most of
 * what reading a row costs (about a third of the import's read phase, profiled in
 * docs/import.md), and fan lists repeat numbers (a household, a venue's box office, a column
 * of placeholders). The cache is bounded, so a million distinct numbers keep memory flat: when
 * full it starts again (cheaper than tracking recency, and a file's repeats are mostly near
 * each other or very frequent).
 */
import { checkPhone, type PhoneCheck } from './contact-points';

const LIMIT = 20_000;
const cache = new Map<string, PhoneCheck>();
const stats = { reads: 0, parses: 0 };

/** checkPhone(raw, region), parsed at most once per (region, raw) while cached. */
export function readPhone(raw: string, defaultRegion: string): PhoneCheck {
  stats.reads += 1;
  const key = `${defaultRegion}\u0000${raw}`;
  const known = cache.get(key);
  if (known) return known;
  stats.parses += 1;
  const check = checkPhone(raw, defaultRegion);
  if (cache.size >= LIMIT) cache.clear();
  // Frozen: every row with this cell shares the one result.
  cache.set(key, Object.freeze(check));
  return check;
}

/** How many reads were asked for and how many parsed (tests and the profile bench). */
export function phoneReadStats(): { reads: number; parses: number; cached: number } {
  return { ...stats, cached: cache.size };
}

/** Forgets every cached phone (tests). */
export function clearPhoneReads(): void {
  cache.clear();
  stats.reads = 0;
  stats.parses = 0;
}
