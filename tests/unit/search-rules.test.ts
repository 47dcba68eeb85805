import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/renderer/src/domain/text-fold';
import {
  customerTerms,
  emailTerms,
  indexTerms,
  tagTerms,
  wordTerms,
} from '../../src/renderer/src/domain/search/customer-terms';
import { osaDistance, typoMatchesTerm } from '../../src/renderer/src/domain/search/edit-distance';
import { phoneDigitForms } from '../../src/renderer/src/domain/search/phone-forms';
import {
  MAX_QUERY_WORDS,
  MAX_WORD_CHARS,
  charCount,
  parseQueryWords,
} from '../../src/renderer/src/domain/search/query-words';
import { timestampKey } from '../../src/renderer/src/domain/search/sort-keys';

const texts = (query: string) => parseQueryWords(query).map((word) => word.text);

describe('parseQueryWords', () => {
  it('folds case and accents, drops punctuation and repeats', () => {
    expect(texts('  José   GARCÍA josé ')).toEqual(['jose', 'garcia']);
    expect(texts("O'Brien jean-paul")).toEqual(['obrien', 'jeanpaul']);
  });

  it('reads a phone-looking query as one digit word', () => {
    expect(parseQueryWords('+1 (415) 555-01')).toEqual([
      { text: '141555501', kind: 'digits', typos: false },
    ]);
    expect(texts('0049 30 12')).toEqual(['00493012']);
    expect(parseQueryWords('anna 555')[1]).toEqual({ text: '555', kind: 'digits', typos: false });
  });

  it('keeps the @ of an address word, squashing each side; a bare @domain is the domain', () => {
    expect(parseQueryWords('Sofia.R@Gmail.c')).toEqual([
      { text: 'sofiar@gmailc', kind: 'email', typos: true },
    ]);
    expect(texts('@gmail.com')).toEqual(['gmailcom']);
    expect(texts('@ @@')).toEqual([]);
  });

  it('marks words of five characters or more for typos, never digits', () => {
    expect(parseQueryWords('smith smit 12345').map((word) => word.typos)).toEqual([
      true,
      false,
      false,
    ]);
    expect(parseQueryWords('王小明王小')[0]!.typos).toBe(true);
  });

  it('gives no words for punctuation only, and keeps other scripts and emoji letters', () => {
    expect(parseQueryWords('!!! ... -- ()')).toEqual([]);
    expect(texts('Иван 王小明 😀joy')).toEqual(['иван', '王小明', 'joy']);
  });

  it('caps a long paste: at most 8 words of at most 64 characters', () => {
    const paste = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const words = parseQueryWords(paste + 'x'.repeat(10_000));
    expect(words.length).toBe(MAX_QUERY_WORDS);
    expect(words[0]!.text).toBe('word0');
    const long = parseQueryWords('😀'.repeat(10_000) + 'a'.repeat(10_000));
    expect(long).toEqual([]);
    const one = parseQueryWords('ü'.repeat(10_000))[0]!;
    expect(charCount(one.text)).toBe(MAX_WORD_CHARS);
  });

  it("agrees with the list's original parseSearchQuery on words without @", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (query) => {
        fc.pre(!query.includes('@'));
        const original = parseSearchQuery(query).slice(0, MAX_QUERY_WORDS);
        expect(texts(query)).toEqual(original);
      }),
      { numRuns: 500 },
    );
  });
});

/** The list's original query parser (domain/search-tokens.ts, removed with schema v4). */
function parseSearchQuery(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  if (/^[\d\s()+.\-/]+$/.test(trimmed) && /\d/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    return digits ? [digits] : [];
  }
  const words = trimmed
    .split(/\s+/)
    .map((word) =>
      word.includes('@') ? word.toLowerCase() : foldText(word).replace(/[^\p{L}\p{N}]/gu, ''),
    )
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}

describe('customer terms', () => {
  it('gives name words joined and split, folded', () => {
    expect(wordTerms('Jean-Paul Müller')).toEqual(['jeanpaul', 'jean', 'paul', 'muller']);
  });

  it('gives each address few terms: local@domain, local pieces, domain and its labels', () => {
    expect(emailTerms('sofia.r84@mail.co.uk')).toEqual([
      'sofiar84@mailcouk',
      'sofia',
      'r84',
      'mailcouk',
      'mail',
      'co',
    ]);
  });

  it('gives a tag whole and by its words', () => {
    expect(tagTerms('Early Bird')).toEqual(['earlybird', 'early', 'bird']);
  });

  it('stores no term that is a prefix of another of the same customer', () => {
    const doc = {
      first_name: 'Sofia',
      last_name: 'García',
      emails: ['sofia.garcia84@gmail.com'],
      tags: ['VIP'],
      notes: 'met Sofia at the show',
    };
    expect(indexTerms(doc)).toEqual([
      'at',
      'garcia84',
      'gmailcom',
      'met',
      'show',
      'sofiagarcia84@gmailcom',
      'the',
      'vip',
    ]);
    expect(customerTerms(doc)).toContain('garcia');
  });
});

describe('phone digit forms', () => {
  it.each([
    ['+4930123456', ['004930123456', '030123456']],
    ['+442079460958', ['00442079460958', '02079460958']],
    ['+14155550134', ['0014155550134']],
    ['+390612345678', ['00390612345678']],
    ['+74951234567', ['0074951234567', '84951234567']],
    ['+33612345678', ['0033612345678', '0612345678']],
    ['+36301234567', ['0036301234567', '06301234567']],
    ['+999123', ['00999123']],
    ['', []],
  ])('%s -> %j', (e164, forms) => {
    expect(phoneDigitForms(e164)).toEqual(forms);
  });
});

describe('optimal string alignment distance', () => {
  it.each([
    ['smith', 'smith', 0],
    ['smith', 'smyth', 1],
    ['smith', 'smiht', 1],
    ['smith', 'smth', 1],
    ['smith', 'smitth', 1],
    ['smith', 'msiht', 2],
    ['ca', 'abc', 3],
    ['😀ab', 'a😀b', 1],
  ])('%s ~ %s = %i', (a, b, distance) => {
    expect(osaDistance(a, b)).toBe(distance);
  });

  it('is within one of any single edit, symmetric, and zero only for equal words', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'é', '王', '😀'), { maxLength: 7 });
    fc.assert(
      fc.property(word, word, fc.nat(), fc.constantFrom('a', 'é', '😀'), (a, b, at, char) => {
        const left = a.join('');
        const right = b.join('');
        expect(osaDistance(left, right)).toBe(osaDistance(right, left));
        expect(osaDistance(left, right) === 0).toBe(left === right);
        const i = a.length === 0 ? 0 : at % a.length;
        expect(osaDistance(left, a.toSpliced(i, 0, char).join(''))).toBeLessThanOrEqual(1);
        expect(osaDistance(left, a.toSpliced(i, 1, char).join(''))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('matches a typo against the prefix of a term', () => {
    expect(typoMatchesTerm('smiht', 'smithers')).toBe(true);
    expect(typoMatchesTerm('jonas', 'jonathan')).toBe(true); // "jona" is one deletion away
    expect(typoMatchesTerm('garica', 'garcia84')).toBe(true);
    expect(typoMatchesTerm('smiht', 'smyth')).toBe(false);
  });
});

describe('timestampKey', () => {
  it('keeps milliseconds and sorts no date first', () => {
    expect(
      timestampKey('2024-01-01T00:00:00.001Z') - timestampKey('2024-01-01T00:00:00.000Z'),
    ).toBe(1);
    expect(timestampKey('')).toBe(Number.NEGATIVE_INFINITY);
    expect(timestampKey('not a date')).toBe(Number.NEGATIVE_INFINITY);
  });
});
