/**
 * Random queries for the search engine's property tests, built from the customers' own
 * words, emails and phone digits (cut, re-cased, mistyped, re-formatted), plus arbitrary and
 * hostile text, with filters, sorts and windows.
 */
import fc from 'fast-check';
import { customerTerms } from '../../src/renderer/src/domain/search/customer-terms';
import { phoneDigitForms } from '../../src/renderer/src/domain/search/phone-forms';
import type {
  SearchDoc,
  SearchQuery,
  SearchWindow,
} from '../../src/renderer/src/domain/search/search-types';
import { LIFECYCLES, OWNERS, TAGS } from './search-arbitraries';

const EDIT_CHARS = ['a', 'e', 'z', 'ü', 'é', 'и', '王', '1', '😀'];

/** How to turn a live customer into a query; resolved against the customers at run time. */
export type QueryRecipe =
  | {
      kind: 'term' | 'name' | 'email' | 'phone';
      pick: number;
      part: number;
      start: number;
      length: number;
      style: number;
    }
  | {
      kind: 'typo';
      pick: number;
      part: number;
      length: number;
      edit: number;
      at: number;
      char: string;
    }
  | { kind: 'text'; text: string };

const pickPart = {
  pick: fc.nat(),
  part: fc.nat(),
  start: fc.nat(12),
  length: fc.integer({ min: 1, max: 14 }),
  style: fc.nat(5),
};
const hostile = fc.constantFrom(
  '',
  '   ',
  '!!!',
  '.*',
  '(',
  '%_',
  "'; DROP TABLE customers; --",
  '\\',
  '[a-z]+',
  '😀',
  '王',
  '+',
  '@',
  '@@',
  '-- --',
  'a'.repeat(200),
  'x '.repeat(40),
  '0'.repeat(40),
  '+1 (415) 555-01',
  '0049 30',
  '(((((',
  'ﬁ',
  'İ',
  'ß',
);
export const queryRecipe: fc.Arbitrary<QueryRecipe> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('term' as const, 'name' as const, 'email' as const, 'phone' as const),
      ...pickPart,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('typo' as const),
      pick: fc.nat(),
      part: fc.nat(),
      length: fc.integer({ min: 4, max: 12 }),
      edit: fc.nat(3),
      at: fc.nat(12),
      char: fc.constantFrom(...EDIT_CHARS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 12 })),
    }),
  },
);

/** Mostly no filter, as most searches are. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

function styled(text: string, style: number): string {
  if (style === 1) return text.toUpperCase();
  if (style === 2) return ` ${text} `;
  return text;
}

/** Phone digits as people type them. */
function formattedDigits(digits: string, style: number): string {
  if (style === 1) return digits.replace(/(\d{3})(?=\d)/g, '$1 ');
  if (style === 2) return `(${digits.slice(0, 3)}) ${digits.slice(3)}`;
  if (style === 3) return digits.replace(/(\d{2})(?=\d)/g, '$1-');
  if (style === 4 && digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

function applyEdit(chars: string[], edit: number, at: number, char: string): string {
  const i = at % Math.max(chars.length, 1);
  if (edit === 0) return chars.toSpliced(i, 1).join('');
  if (edit === 1) return chars.toSpliced(i, 0, char).join('');
  if (edit === 2) return chars.toSpliced(i, 1, char).join('');
  return i + 1 < chars.length
    ? chars.toSpliced(i, 2, chars[i + 1]!, chars[i]!).join('')
    : chars.join('');
}

export function resolveRecipe(recipe: QueryRecipe, docs: readonly SearchDoc[]): string {
  if (recipe.kind === 'text') return recipe.text;
  const doc = docs[recipe.pick % Math.max(docs.length, 1)];
  if (!doc) return 'nobody';
  const choose = <T>(list: readonly T[]) => list[recipe.part % Math.max(list.length, 1)];
  if (recipe.kind === 'typo') {
    const term = choose(customerTerms(doc)) ?? 'nobody';
    return applyEdit(Array.from(term).slice(0, recipe.length), recipe.edit, recipe.at, recipe.char);
  }
  const cut = (text: string) =>
    Array.from(text)
      .slice(recipe.start % Math.max(text.length, 1))
      .slice(0, recipe.length)
      .join('');
  const head = (text: string) => Array.from(text).slice(0, recipe.length).join('');
  if (recipe.kind === 'term') return styled(head(choose(customerTerms(doc)) ?? ''), recipe.style);
  if (recipe.kind === 'name')
    return styled(head(`${doc.first_name} ${doc.last_name}`), recipe.style);
  if (recipe.kind === 'email') return styled(head(choose(doc.emails) ?? ''), recipe.style);
  const forms = doc.phones.flatMap(phoneDigitForms);
  return formattedDigits(cut(choose(forms) ?? ''), recipe.style);
}

export const queryShape = fc.record({
  recipes: fc.oneof(
    { weight: 3, arbitrary: fc.array(queryRecipe, { minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.array(queryRecipe, { minLength: 2, maxLength: 3 }) },
  ),
  /** All words from the first recipe's customer (a person typing one name), or any. */
  sameCustomer: fc.boolean(),
  lifecycle: sometimes(fc.constantFrom(...LIFECYCLES)),
  tag: sometimes(fc.constantFrom(...TAGS, 'nobody')),
  optIn: sometimes(fc.constantFrom('email' as const, 'sms' as const)),
  ownerId: sometimes(fc.constantFrom(...OWNERS, 'm9')),
  sort: fc.constantFrom(
    'name' as const,
    'created' as const,
    'updated' as const,
    'last_touch' as const,
    'score' as const,
  ),
  direction: fc.constantFrom('asc' as const, 'desc' as const),
  offset: fc.oneof(fc.constant(0), fc.nat(30)),
  limit: fc.oneof(fc.constant(50), fc.nat(20)),
});

export type QueryShape = typeof queryShape extends fc.Arbitrary<infer T> ? T : never;

export function resolveQuery(
  shape: QueryShape,
  docs: readonly SearchDoc[],
): { query: SearchQuery; window: SearchWindow } {
  const pick = shape.recipes[0] && 'pick' in shape.recipes[0] ? shape.recipes[0].pick : 0;
  const search = shape.recipes
    .map((recipe) =>
      resolveRecipe(shape.sameCustomer && 'pick' in recipe ? { ...recipe, pick } : recipe, docs),
    )
    .join(' ');
  const { recipes: _recipes, sameCustomer: _same, offset, limit, ...rest } = shape;
  return { query: { search, ...rest }, window: { offset, limit } };
}
