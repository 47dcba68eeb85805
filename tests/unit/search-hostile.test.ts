import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../src/renderer/src/domain/search/search-index';
import type { SearchQuery } from '../../src/renderer/src/domain/search/search-types';
import { customers } from './search-arbitraries';
import { referenceQuery } from './search-reference';

const docs = fc.sample(customers(30, 31), { numRuns: 1, seed: 7 })[0]!;
const index = createSearchIndex(docs);

const query = (search: string): SearchQuery => ({
  search,
  lifecycle: null,
  tag: null,
  optIn: null,
  ownerId: null,
  sort: 'name',
  direction: 'asc',
});

const HOSTILE: [string, string][] = [
  ['regex characters', '.* [a-z]+ (?:x) \\d+ ^$ | \\'],
  ['SQL', "'; DROP TABLE customers; -- %_ OR 1=1"],
  ['a 10,000-character paste', 'Sofia García 0049 30 '.repeat(500)],
  ['one 10,000-character word', 'smith'.repeat(2000)],
  ['10,000 digits', '4'.repeat(10_000)],
  ['emoji', '😀 👩‍👩‍👧 🇩🇪'],
  ['emoji inside a word', 'so😀fia'],
  ['other scripts', 'Иван 王小明 محمد Ελένη'],
  ['only punctuation', '!!! ... --- ((( ))) @@@'],
  ['lone surrogates', '\ud800 a\udc00b'],
  ['control characters', '\u0000\u0007sofia\u001b'],
  ['many @', 'a@b@c@d @@x'],
  ['a phone with letters', '+1 (415) ABC-0134'],
];

describe('hostile queries', () => {
  it.each(HOSTILE)('%s: the reference answer', (_, search) => {
    for (const window of [
      { offset: 0, limit: 50 },
      { offset: 3, limit: 5 },
    ]) {
      expect(index.query(query(search), window)).toEqual(
        referenceQuery(docs, query(search), window),
      );
    }
  });

  it('treats only punctuation as no search: every customer, filters still applied', () => {
    const all = index.query(query('!!! ...'), { offset: 0, limit: 1000 });
    expect(all.exactCount).toBe(docs.length);
    const leads = index.query({ ...query('--'), lifecycle: 'lead' }, { offset: 0, limit: 1000 });
    expect(leads.exactCount).toBe(docs.filter((doc) => doc.lifecycle === 'lead').length);
  });

  it('refuses a window that is not whole numbers >= 0, in words', () => {
    for (const window of [
      { offset: -1, limit: 10 },
      { offset: 0, limit: Number.NaN },
      { offset: 1.5, limit: 10 },
    ]) {
      expect(() => index.query(query('a'), window)).toThrow(/whole numbers >= 0/);
    }
  });
});
