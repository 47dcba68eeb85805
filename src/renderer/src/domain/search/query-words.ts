/**
 * Query parsing, the first of the matching rules (docs/search.md). It keeps the behaviour of
 * the list's original parseSearchQuery (domain/search-tokens.ts) and adds limits so that a
 * hostile paste costs no more than a normal query.
 */
import { foldText } from '../text-fold';

/** Only the start of a paste is read: longer queries are cut here before parsing. */
export const MAX_QUERY_CHARS = 1000;
/** Words after the first 8 distinct ones are ignored. */
export const MAX_QUERY_WORDS = 8;
/** Words and terms are compared on their first 64 characters (code points). */
export const MAX_WORD_CHARS = 64;
/** Digit words this long or longer also match any part of a phone number. */
export const MIN_PHONE_DIGITS = 3;
/** Words this long or longer (in characters) may match with one typo. */
export const MIN_TYPO_CHARS = 5;

/**
 * - `digits`: only 0-9; matches phone digits as a substring (3+ digits) and terms as a prefix.
 * - `email`: typed with an @; matches as a prefix of the `local@domain` term of an address.
 * - `text`: anything else; matches as a prefix of a term.
 */
export type WordKind = 'text' | 'digits' | 'email';

export type QueryWord = {
  text: string;
  kind: WordKind;
  /** Long enough, and not digits, so it may match with one edit. */
  typos: boolean;
};

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/** Letters and digits only; the form every word and term is compared in. */
export function squash(foldedText: string): string {
  return foldedText.replace(NOT_LETTER_OR_DIGIT, '');
}

/** The first `max` code points, never half of a surrogate pair. */
export function truncateChars(text: string, max: number = MAX_WORD_CHARS): string {
  if (text.length <= max) return text;
  let units = 0;
  for (let chars = 0; chars < max && units < text.length; chars += 1) {
    units += text.codePointAt(units)! > 0xffff ? 2 : 1;
  }
  return text.slice(0, units);
}

export function charCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

/**
 * "Sofia.R@Gmail.c" -> "sofiar@gmailc", the form of an address's `local@domain` term.
 * With nothing before the @ ("@gmail.com") it is the squashed domain, which is a term too.
 */
function emailWord(word: string): string {
  const folded = foldText(word);
  const at = folded.indexOf('@');
  const local = squash(folded.slice(0, at));
  const domain = squash(folded.slice(at + 1));
  return local === '' ? domain : `${local}@${domain}`;
}

function wordOf(text: string, kind: WordKind): QueryWord {
  const truncated = truncateChars(text);
  return {
    text: truncated,
    kind,
    typos: kind !== 'digits' && charCount(truncated) >= MIN_TYPO_CHARS,
  };
}

/**
 * Turns what the user typed into the words that must all match. A query that looks like a
 * phone number ("+1 (415) 555-01") is one word of digits, since its spaces are formatting.
 * Only punctuation gives no words: every customer then matches (the filters still apply).
 */
export function parseQueryWords(query: string): QueryWord[] {
  const trimmed = truncateChars(query, MAX_QUERY_CHARS).trim();
  if (trimmed === '') return [];
  if (PHONE_LIKE.test(trimmed) && /\d/.test(trimmed)) {
    return [wordOf(trimmed.replace(/\D/g, ''), 'digits')];
  }
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const raw of trimmed.split(/\s+/)) {
    const isEmail = raw.includes('@') && emailWord(raw).includes('@');
    const text = isEmail ? emailWord(raw) : squash(foldText(raw));
    const kind: WordKind = isEmail ? 'email' : /^[0-9]+$/.test(text) ? 'digits' : 'text';
    const word = wordOf(text, kind);
    // The kind follows from the text (an @, only digits), so the text alone says "same word".
    if (word.text === '' || seen.has(word.text)) continue;
    seen.add(word.text);
    words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}
