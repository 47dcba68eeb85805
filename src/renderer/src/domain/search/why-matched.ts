/**
 * Why a list row matched, when the row would not show it: a search word that matched only a
 * customer's other email or other phone (not the primary one, nor the name, tags or notes).
 * The list then shows that email or phone in place of the primary one (issue 16), so a row
 * found by "4915" shows the number that holds "4915". Same rules as the engine (rules 2-3).
 */
import { emailTerms, tagTerms, wordTerms } from './customer-terms';
import { phoneDigitForms } from './phone-forms';
import { MIN_PHONE_DIGITS, parseQueryWords, type QueryWord } from './query-words';

export type MatchSource = {
  first_name: string;
  last_name: string;
  tags: readonly string[];
  notes: string;
  /** Normalized addresses and E.164 numbers; the primary ones are among them. */
  all_emails: readonly string[];
  all_phones: readonly string[];
  primary_email: string | null;
  primary_phone: string | null;
};

/** The other email and phone a search matched, when it matched them only. */
export type MatchedContacts = { email: string | null; phone: string | null };

const prefixOf = (word: string, terms: readonly string[]) =>
  terms.some((term) => term.startsWith(word));

function inPhone(word: QueryWord, e164: string): boolean {
  return (
    word.kind === 'digits' &&
    word.text.length >= MIN_PHONE_DIGITS &&
    phoneDigitForms(e164).some((form) => form.includes(word.text))
  );
}

/**
 * The terms the row shows, source by source, cheapest first: most words match a name, so a
 * row's notes are folded only for a word its name, tags and primary email do not hold (a
 * page of rows is checked on every keystroke, on the UI thread).
 */
function shownTermSources(row: MatchSource): (() => string[])[] {
  const primary = row.primary_email?.trim().toLowerCase();
  return [
    () => [...wordTerms(row.first_name), ...wordTerms(row.last_name)],
    () => row.tags.flatMap(tagTerms),
    () => (primary ? emailTerms(primary) : []),
    () => wordTerms(row.notes),
  ];
}

/** Whether a word is a prefix of a shown term, each source's terms computed once, when needed. */
function shownMatcher(row: MatchSource): (word: string) => boolean {
  const sources = shownTermSources(row);
  const computed: string[][] = [];
  return (word) => {
    for (let i = 0; i < sources.length; i += 1) {
      computed[i] ??= sources[i]!();
      if (prefixOf(word, computed[i]!)) return true;
    }
    return false;
  };
}

// A page's rows are checked against one search: its words are parsed once, not once per row
// (parsing folds and splits the text: a tenth of a keystroke's render at 29 rows).
let lastSearch: string | null = null;
let lastWords: readonly QueryWord[] = [];

function wordsOf(search: string): readonly QueryWord[] {
  if (search !== lastSearch) {
    lastWords = parseQueryWords(search);
    lastSearch = search;
  }
  return lastWords;
}

export function matchedContacts(row: MatchSource, search: string): MatchedContacts {
  const found: MatchedContacts = { email: null, phone: null };
  const words = wordsOf(search);
  if (words.length === 0) return found;
  const shown = shownMatcher(row);
  const primaryEmail = row.primary_email?.trim().toLowerCase();
  for (const word of words) {
    if (shown(word.text)) continue;
    if (row.primary_phone && inPhone(word, row.primary_phone)) continue;
    found.email ??=
      row.all_emails.find(
        (email) => email !== primaryEmail && prefixOf(word.text, emailTerms(email)),
      ) ?? null;
    found.phone ??=
      row.all_phones.find((phone) => phone !== row.primary_phone && inPhone(word, phone)) ?? null;
  }
  return found;
}
