/**
 * The slow reference for the search engine: a full scan over documents applying the
 * matching rules of docs/search.md literally, sharing only the rules' own helpers (parsing,
 * terms, phone forms, edit distance, sort keys) with the engine.
 */
import { customerTerms } from '../../src/renderer/src/domain/search/customer-terms';
import { typoMatchesTerm } from '../../src/renderer/src/domain/search/edit-distance';
import { phoneDigitForms } from '../../src/renderer/src/domain/search/phone-forms';
import {
  MIN_PHONE_DIGITS,
  parseQueryWords,
} from '../../src/renderer/src/domain/search/query-words';
import type { QueryWord } from '../../src/renderer/src/domain/search/query-words';
import type {
  SearchDoc,
  SearchQuery,
  SearchResult,
  SearchWindow,
} from '../../src/renderer/src/domain/search/search-types';
import { compareDocs } from '../../src/renderer/src/domain/search/sort-keys';

type WordMatch = 'exact' | 'typo' | 'none';

function matchWord(word: QueryWord, terms: readonly string[], forms: readonly string[]): WordMatch {
  if (terms.some((term) => term.startsWith(word.text))) return 'exact';
  const phoneWord = word.kind === 'digits' && word.text.length >= MIN_PHONE_DIGITS;
  if (phoneWord && forms.some((form) => form.includes(word.text))) return 'exact';
  if (word.typos && terms.some((term) => typoMatchesTerm(word.text, term))) return 'typo';
  return 'none';
}

function passesFilters(doc: SearchDoc, query: SearchQuery): boolean {
  if (query.lifecycle !== null && doc.lifecycle !== query.lifecycle) return false;
  if (query.tag !== null && !doc.tags.includes(query.tag)) return false;
  if (query.optIn === 'email' && doc.email_opt_in !== 1) return false;
  if (query.optIn === 'sms' && doc.sms_opt_in !== 1) return false;
  if (query.ownerId !== null && doc.owner_id !== query.ownerId) return false;
  return true;
}

/** Exact matches, then close ones, each in the query's order. */
export function referenceMatches(docs: Iterable<SearchDoc>, query: SearchQuery) {
  const words = parseQueryWords(query.search);
  const exact: SearchDoc[] = [];
  const close: SearchDoc[] = [];
  for (const doc of docs) {
    if (!passesFilters(doc, query)) continue;
    const terms = customerTerms(doc);
    const forms = doc.phones.flatMap(phoneDigitForms);
    const matches = words.map((word) => matchWord(word, terms, forms));
    if (matches.every((match) => match === 'exact')) exact.push(doc);
    else if (matches.every((match) => match !== 'none')) close.push(doc);
  }
  const order = compareDocs(query.sort, query.direction);
  return { exact: exact.sort(order).map((d) => d.id), close: close.sort(order).map((d) => d.id) };
}

export function referenceQuery(
  docs: Iterable<SearchDoc>,
  query: SearchQuery,
  { offset, limit }: SearchWindow,
): SearchResult {
  const { exact, close } = referenceMatches(docs, query);
  const ids = [...exact, ...close].slice(offset, offset + limit);
  return {
    exactCount: exact.length,
    closeCount: close.length,
    ids,
    firstCloseIndex: Math.max(0, Math.min(ids.length, exact.length - offset)),
  };
}

/** The live documents as the engine should see them: upserts replace by id. */
export class ReferenceStore {
  readonly docs = new Map<string, SearchDoc>();

  upsert(docs: readonly SearchDoc[]): void {
    for (const doc of docs) this.docs.set(doc.id, doc);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.docs.delete(id);
  }
}
