/**
 * Search tokens for the customer list. The list index is a multi-entry index over these
 * tokens and a query word matches a row when it is a prefix of one of them, so:
 * - names and emails give their folded words (accent- and case-insensitive);
 * - phones give every suffix of their digits, which turns "prefix of a token" into
 *   "any part of the number": typing 555 01 finds +1 415 555 0134.
 * A token that is a prefix of another token is left out: every query word it matches, the
 * longer one matches too. Each token is an index entry written with the customer's list row,
 * and in a large database each costs a read of its own (docs/import.md), so fewer is faster.
 */
import { foldText } from './text-fold';

const MIN_PHONE_SUFFIX = 3;

function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of foldText(text).split(/\s+/)) {
    const joined = word.replace(/[^\p{L}\p{N}]/gu, '');
    if (joined) tokens.push(joined);
    // "jean-paul" and "o'brien" are also found by their parts.
    for (const part of word.split(/[^\p{L}\p{N}]+/u))
      if (part && part !== joined) tokens.push(part);
  }
  return tokens;
}

function emailTokens(normalizedEmail: string): string[] {
  const [local = '', domain = ''] = normalizedEmail.split('@');
  const squash = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');
  // Query words without an @ lose their punctuation (parseSearchQuery), so "jose.garcia" and
  // "band-name.com" must also exist squashed: "josegarcia", "bandnamecom".
  return [
    normalizedEmail,
    local,
    domain,
    squash(local),
    squash(domain),
    ...local.split(/[._+-]+/),
    ...domain.split('.').slice(0, -1),
  ].filter((token) => token.length > 0);
}

function digitSuffixes(digits: string): string[] {
  const suffixes: string[] = [];
  for (let start = 0; start <= digits.length - MIN_PHONE_SUFFIX; start += 1)
    suffixes.push(digits.slice(start));
  return suffixes;
}

export type SearchableCustomer = {
  first_name: string;
  last_name: string;
  emails: readonly string[];
  /** E.164 numbers, plus national forms as people write them (with trunk prefix). */
  phones: readonly { e164: string; national: string }[];
};

export function buildSearchTokens(customer: SearchableCustomer): string[] {
  const tokens = new Set<string>([
    ...wordTokens(customer.first_name),
    ...wordTokens(customer.last_name),
  ]);
  for (const email of customer.emails) for (const token of emailTokens(email)) tokens.add(token);
  for (const phone of customer.phones) {
    const digits = phone.e164.replace(/\D/g, '');
    for (const suffix of digitSuffixes(digits)) tokens.add(suffix);
    // "0049 30 ..." is how much of the world dials +49 30 ...
    tokens.add(`00${digits}`);
    const nationalDigits = phone.national.replace(/\D/g, '');
    if (nationalDigits.length >= MIN_PHONE_SUFFIX) tokens.add(nationalDigits);
  }
  return withoutPrefixes([...tokens].sort());
}

/**
 * Drops each token that is a prefix of another. In sorted order the strings starting with a
 * token come right after it, so looking at the next one is enough.
 */
export function withoutPrefixes(sorted: readonly string[]): string[] {
  return sorted.filter((token, index) => !sorted[index + 1]?.startsWith(token));
}

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

/**
 * Turns what the user typed into the words that must all match. A query that looks like a
 * phone number ("+1 (415) 555-01") is one word of digits, since its spaces are formatting.
 */
export function parseSearchQuery(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  if (PHONE_LIKE.test(trimmed) && /\d/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    return digits ? [digits] : [];
  }
  const words = trimmed
    .split(/\s+/)
    // An address is matched as stored (lower-cased, not folded); other words fold and lose punctuation.
    .map((word) =>
      word.includes('@') ? word.toLowerCase() : foldText(word).replace(/[^\p{L}\p{N}]/gu, ''),
    )
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}

/** True when every query word is a prefix of some token: the rule the index query applies. */
export function tokensMatchQuery(tokens: readonly string[], words: readonly string[]): boolean {
  return words.every((word) => tokens.some((token) => token.startsWith(word)));
}
