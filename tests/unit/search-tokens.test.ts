import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSearchTokens,
  parseSearchQuery,
  tokensMatchQuery,
  withoutPrefixes,
} from '../../src/renderer/src/domain/search-tokens';
import type { SearchableCustomer } from '../../src/renderer/src/domain/search-tokens';
import { foldText } from '../../src/renderer/src/domain/text-fold';

function customer(overrides: Partial<SearchableCustomer> = {}): SearchableCustomer {
  return { first_name: '', last_name: '', emails: [], phones: [], ...overrides };
}

function matches(tokens: readonly string[], query: string): boolean {
  return tokensMatchQuery(tokens, parseSearchQuery(query));
}

/** Changes the case of some characters, as a person typing fast would. */
function recased(text: string, mask: readonly boolean[]): string {
  return [...text]
    .map((char, index) => (mask[index % mask.length] ? char.toUpperCase() : char.toLowerCase()))
    .join('');
}

const LETTERS = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'àáâãäåçèéêëìíîïñòóôõöùúûüýÿčćšžřńśźżąęőű',
  ...'ßæœøłđðþ',
];
const letter = fc.constantFrom(...LETTERS);
const nameWord = fc
  .array(letter, { minLength: 1, maxLength: 9 })
  .map((chars) => chars.join(''))
  .chain((word) =>
    fc.boolean().map((capital) => (capital ? word.charAt(0).toUpperCase() + word.slice(1) : word)),
  );
const namePart = fc.array(nameWord, { minLength: 0, maxLength: 3 }).map((words) => words.join(' '));
const caseMask = fc.array(fc.boolean(), { minLength: 1, maxLength: 12 });

describe('foldText', () => {
  it.each([
    ['José Müller', 'jose muller'],
    ['Straße', 'strasse'],
    ['GARCÍA', 'garcia'],
    ['Ærø Œuvre', 'aero oeuvre'],
    ['Łódź', 'lodz'],
    ['Þór Ðorđe', 'thor dorde'],
    ['İstanbul ılık', 'istanbul ilik'],
    ['François Noël Ångström', 'francois noel angstrom'],
  ])('%j -> %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('is idempotent and case-blind on names', () => {
    fc.assert(
      fc.property(namePart, caseMask, (name, mask) => {
        const folded = foldText(name);
        expect(foldText(folded)).toBe(folded);
        expect(foldText(recased(name, mask))).toBe(folded);
        expect(folded).toMatch(/^[a-z ]*$/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseSearchQuery', () => {
  it('folds words and drops empty ones and repeats', () => {
    expect(parseSearchQuery('  José   GARCÍA josé ')).toEqual(['jose', 'garcia']);
    expect(parseSearchQuery('')).toEqual([]);
    expect(parseSearchQuery('   ')).toEqual([]);
    expect(parseSearchQuery("O'Brien jean-paul")).toEqual(['obrien', 'jeanpaul']);
  });

  it('reads a phone-like query as one word of digits', () => {
    expect(parseSearchQuery('+1 (415) 555-01')).toEqual(['141555501']);
    expect(parseSearchQuery('555.01')).toEqual(['55501']);
    expect(parseSearchQuery('0049 30 12')).toEqual(['00493012']);
  });

  it('keeps a leading 00 that is part of the number, and still finds international 00 dialling', () => {
    const tokens = buildSearchTokens({
      first_name: '',
      last_name: '',
      emails: [],
      phones: [{ e164: '+442079460018', national: '020 7946 0018' }],
    });
    expect(tokensMatchQuery(tokens, parseSearchQuery('0018'))).toBe(true);
    expect(tokensMatchQuery(tokens, parseSearchQuery('0044 20 79'))).toBe(true);
  });

  it('finds an email by a prefix that crosses its punctuation', () => {
    const tokens = buildSearchTokens({
      first_name: '',
      last_name: '',
      emails: ['jose.garcia@band-name.com'],
      phones: [],
    });
    for (const query of [
      'jose.garcia',
      'jose.g',
      'band-name.com',
      'band-name',
      'jose.garcia@band',
    ]) {
      expect(tokensMatchQuery(tokens, parseSearchQuery(query)), query).toBe(true);
    }
  });

  it('keeps an email word whole', () => {
    expect(parseSearchQuery('Jose.Garcia@Ex')).toEqual(['jose.garcia@ex']);
  });
});

describe('search tokens', () => {
  const jose = buildSearchTokens(
    customer({
      first_name: 'José',
      last_name: 'García',
      emails: ['jose.garcia@example.com'],
      phones: [{ e164: '+14155550134', national: '(415) 555-0134' }],
    }),
  );

  it.each([
    'jose',
    'José',
    'JOS',
    'garc',
    'jose garc',
    'garcía jo',
    'jose.garcia@ex',
    'jose.garcia@example.com',
    'example',
    '555-01',
    '(415) 555',
    '+1 415',
    '0134',
    '4155550134',
  ])('finds José García by %j', (query) => {
    expect(matches(jose, query)).toBe(true);
  });

  it.each(['maria', 'jose maria', 'garcia x', '999', '555-02', 'josé@'])(
    'does not find José García by %j',
    (query) => {
      expect(matches(jose, query)).toBe(false);
    },
  );

  it('finds a national number with its trunk prefix', () => {
    const tokens = buildSearchTokens(
      customer({ phones: [{ e164: '+49301234567', national: '030 1234567' }] }),
    );
    expect(matches(tokens, '030 123')).toBe(true);
    expect(matches(tokens, '0049 30 123')).toBe(true);
    expect(matches(tokens, '+49 30')).toBe(true);
    expect(matches(tokens, '031')).toBe(false);
  });

  it('finds hyphenated and apostrophe names whole and by their parts', () => {
    const tokens = buildSearchTokens(customer({ first_name: 'Jean-Paul', last_name: "O'Brien" }));
    for (const query of ['jean-paul', 'jeanp', 'paul', "o'brien", 'obr', 'brien']) {
      expect(matches(tokens, query)).toBe(true);
    }
  });

  it('an empty query matches every row', () => {
    expect(tokensMatchQuery([], parseSearchQuery(''))).toBe(true);
  });

  it('every prefix of every word of a name matches, with or without accents, in any case', () => {
    fc.assert(
      fc.property(namePart, namePart, caseMask, fc.boolean(), (first, last, mask, keepAccents) => {
        const tokens = buildSearchTokens(customer({ first_name: first, last_name: last }));
        for (const word of `${first} ${last}`.split(/\s+/).filter(Boolean)) {
          const chars = [...word];
          for (let length = 1; length <= chars.length; length += 1) {
            const typed = chars.slice(0, length).join('');
            const query = recased(keepAccents ? typed : foldText(typed), mask);
            expect(matches(tokens, query), `${query} in ${first} ${last}`).toBe(true);
          }
          const folded = foldText(word);
          for (let length = 1; length <= folded.length; length += 1) {
            const query = recased(folded.slice(0, length), mask);
            expect(matches(tokens, query), `${query} in ${first} ${last}`).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a multi-word query needs every word, and a word matching nothing fails the row', () => {
    const unknownWord = fc.stringMatching(/^[a-z]{2,8}$/);
    fc.assert(
      fc.property(nameWord, nameWord, unknownWord, (first, last, stranger) => {
        const tokens = buildSearchTokens(customer({ first_name: first, last_name: last }));
        fc.pre(!tokens.some((token) => token.startsWith(stranger)));
        expect(matches(tokens, `${last} ${first}`)).toBe(true);
        expect(matches(tokens, `${first} ${stranger}`)).toBe(false);
        expect(matches(tokens, `${stranger} ${last}`)).toBe(false);
        expect(matches(tokens, stranger)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  const e164Digits = fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 13 }),
    )
    .map(([country, rest]) => `${country}${rest.join('')}`);
  const separator = fc.constantFrom('', '', ' ', '-', '.', '/');

  it('every part of 3+ digits of a number matches, however it is punctuated', () => {
    fc.assert(
      fc.property(
        e164Digits,
        fc.nat(),
        fc.nat(),
        fc.array(separator, { minLength: 14, maxLength: 14 }),
        fc.boolean(),
        (digits, a, b, separators, parenthesize) => {
          const start = a % (digits.length - 2);
          const end = start + 3 + (b % (digits.length - start - 2));
          const part = digits.slice(start, end);
          // "00" opens an international number in a query: a fragment starting there is
          // another case (see the report), so the property keeps to the others.
          fc.pre(!part.startsWith('00'));
          let typed = [...part].map((digit, index) => digit + (separators[index] ?? '')).join('');
          if (parenthesize) typed = `(${typed.slice(0, 3)}) ${typed.slice(3)}`;
          const tokens = buildSearchTokens(
            customer({ phones: [{ e164: `+${digits}`, national: '' }] }),
          );
          expect(matches(tokens, typed), `${typed} in +${digits}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a number that is not part of the phone does not match', () => {
    fc.assert(
      fc.property(e164Digits, fc.stringMatching(/^[1-9]\d{2,6}$/), (digits, other) => {
        fc.pre(!digits.includes(other));
        const tokens = buildSearchTokens(
          customer({ phones: [{ e164: `+${digits}`, national: '' }] }),
        );
        expect(matches(tokens, other)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('tokens are sorted, distinct and independent of the order of emails and phones', () => {
    const base = customer({
      first_name: 'Ana',
      emails: ['ana@x.com', 'lima@band.es'],
      phones: [
        { e164: '+14155550134', national: '(415) 555-0134' },
        { e164: '+49301234567', national: '030 1234567' },
      ],
    });
    const tokens = buildSearchTokens(base);
    expect(tokens).toEqual([...new Set(tokens)].sort());
    expect(
      buildSearchTokens({
        ...base,
        emails: [...base.emails].reverse(),
        phones: [...base.phones].reverse(),
      }),
    ).toEqual(tokens);
  });

  it('leaving out tokens that prefix others changes no match', () => {
    // A small alphabet, so tokens often prefix each other and queries often hit them; with an
    // email's punctuation, a folded accent and a character outside the BMP (two UTF-16 units).
    const text = fc
      .array(fc.constantFrom('a', 'b', '1', '@', '.', 'é', '😀'), { minLength: 1, maxLength: 5 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(text, { maxLength: 12 }),
        fc.array(text, { maxLength: 3 }),
        (tokens, words) => {
          const kept = withoutPrefixes([...tokens].sort());
          expect(tokensMatchQuery(kept, words)).toBe(tokensMatchQuery(tokens, words));
          for (const token of kept)
            expect(kept.some((other) => other !== token && other.startsWith(token))).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes no token that another token already covers', () => {
    const tokens = buildSearchTokens(
      customer({ first_name: 'José', last_name: 'García', emails: ['jose.garcia@example.com'] }),
    );
    // "jose" and "jose.garcia" are prefixes of the address; "garcia" is its own word.
    expect(tokens).not.toContain('jose');
    expect(tokens).not.toContain('jose.garcia');
    expect(tokens).toContain('jose.garcia@example.com');
    expect(matches(tokens, 'jose')).toBe(true);
  });
});
