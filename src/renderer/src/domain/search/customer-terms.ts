/**
 * A customer's text terms, the second of the matching rules (docs/search.md): a query word
 * that is not digits matches a customer when it is a prefix of one of these terms.
 */
import { foldText } from '../text-fold';
import { squash, truncateChars } from './query-words';

/**
 * Folded words of a free text, each joined ("jean-paul" -> "jeanpaul") and split on its
 * punctuation ("jean", "paul"), as the list's original search tokens did.
 */
export function wordTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of foldText(text).split(/\s+/)) {
    const joined = squash(word);
    if (joined) terms.push(joined);
    for (const part of word.split(/[^\p{L}\p{N}]+/u)) if (part && part !== joined) terms.push(part);
  }
  return terms;
}

/**
 * Few terms per address, so that each customer keeps few postings:
 * - `local@domain` squashed ("sofia.r84@gmail.com" -> "sofiar84@gmailcom"): every prefix of
 *   the local part, and every "@" query, is a prefix of it;
 * - the local part's pieces split on . _ + - ("sofia", "r84");
 * - the squashed domain ("gmailcom") and its labels except the last ("gmail").
 */
export function emailTerms(address: string): string[] {
  const folded = foldText(address);
  const at = folded.indexOf('@');
  const local = at < 0 ? folded : folded.slice(0, at);
  const domain = at < 0 ? '' : folded.slice(at + 1);
  const squashedLocal = squash(local);
  const terms: string[] = [];
  if (squashedLocal) terms.push(`${squashedLocal}@${squash(domain)}`);
  for (const piece of local.split(/[._+-]+/)) terms.push(squash(piece));
  terms.push(squash(domain));
  for (const label of domain.split('.').slice(0, -1)) terms.push(squash(label));
  return terms.filter((term) => term !== '');
}

/** A tag as a whole ("early bird" -> "earlybird") and as its words. */
export function tagTerms(tag: string): string[] {
  const whole = squash(foldText(tag));
  return whole ? [whole, ...wordTerms(tag)] : [];
}

type TermSource = {
  first_name: string;
  last_name: string;
  emails: readonly string[];
  tags: readonly string[];
  notes: string;
};

/** Every text term of a customer, distinct, cut to MAX_WORD_CHARS, in no particular order. */
export function customerTerms(doc: TermSource): string[] {
  const terms = new Set<string>();
  const add = (list: readonly string[]) => {
    for (const term of list) terms.add(truncateChars(term));
  };
  add(wordTerms(doc.first_name));
  add(wordTerms(doc.last_name));
  for (const email of doc.emails) add(emailTerms(email));
  for (const tag of doc.tags) add(tagTerms(tag));
  add(wordTerms(doc.notes));
  return [...terms];
}

/**
 * The terms the index stores: sorted in JS string order, each term that is a prefix of
 * another dropped (every word that matches it, exactly or with a typo, matches the longer one).
 */
export function indexTerms(doc: TermSource): string[] {
  const sorted = customerTerms(doc).sort();
  return sorted.filter((term, index) => !sorted[index + 1]?.startsWith(term));
}
