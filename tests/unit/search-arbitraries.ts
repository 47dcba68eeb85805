/**
 * Random customers and queries for the search engine's property tests: names with accents,
 * punctuation and other scripts, several emails and phones in several countries, tags, notes,
 * tied sort keys; queries built from the customers' own words, emails and phone digits, cut,
 * re-cased, mistyped and re-formatted, plus arbitrary text.
 */
import fc from 'fast-check';
import { customerTerms } from '../../src/renderer/src/domain/search/customer-terms';
import { phoneDigitForms } from '../../src/renderer/src/domain/search/phone-forms';
import type {
  SearchDoc,
  SearchQuery,
  SearchWindow,
} from '../../src/renderer/src/domain/search/search-types';
import { foldText } from '../../src/renderer/src/domain/text-fold';

const NAMES = [
  'Sofia',
  'Sofía',
  'José',
  'Jean-Paul',
  "O'Brien",
  'Zoë',
  'Ærø',
  'Łukasz',
  'Иван',
  'Ελένη',
  '王小明',
  'محمد',
  'Smith',
  'Smyth',
  'Smithers',
  'Anna',
  'Ann',
  'Annabelle',
  'Müller',
  'Mueller',
  'Straße',
  '😀Joy',
  'İlkay',
  'Nguyễn',
  'Garcia',
  'García',
  'Gracia',
  'Jonas',
  'Jonathan',
  'van der Berg',
  'A.J.',
  '',
];
const DOMAINS = [
  'gmail.com',
  'gmial.com',
  'web.de',
  'mail.co.uk',
  'yahoo.fr',
  'band-name.com',
  'x.io',
];
const COUNTRIES = ['+49', '+44', '+1', '+33', '+39', '+7', '+36', '+81', '+999'];
export const TAGS = ['VIP', 'vip', 'early bird', 'Jazz-Fan', 'Été', 'Ticket 2024', '王', 'a\ud800'];
const NOTE_WORDS = [
  'met',
  'at',
  'festival',
  'Berlin',
  'über',
  'backstage',
  'sofia84',
  'call',
  'éclair',
  '2024',
  'Ω',
];
const TIMES = [
  '',
  '2024-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00.001Z',
  '2023-06-15T12:30:00.000Z',
  '2025-03-01T08:00:00.000Z',
  'not a date',
  // The ends of the Date range: their differences are not exact in a double.
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
];
export const OWNERS = ['', 'm1', 'm2', 'Ünï'];
const LIFECYCLES = ['lead', 'prospect', 'customer', 'inactive'] as const;
const EDIT_CHARS = ['a', 'e', 'z', 'ü', 'é', 'и', '王', '1', '😀'];

const UUIDS = Array.from({ length: 24 }, (_, i) => {
  const hex = (i * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `0190${hex.slice(0, 4)}-${hex.slice(4, 8)}-7abc-8def-${String(i).padStart(12, '0')}`;
});
/** A small pool, so that upserts and removals hit existing customers. */
export const IDS = [
  ...UUIDS,
  'cust-1',
  'CUST-1',
  'Ab',
  'ünï',
  '😀',
  '',
  '0190aaaa-bbbb-7ccc-8ddd-EEEEEEEEEEEE',
];

const localPart = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom('.', '_', '+', '-', ''),
    fc.constantFrom('', '84', 'r', 'x_y'),
  )
  .map(([name, sep, tail]) => (foldText(name).replace(/[^a-z0-9]/g, '') || 'x') + sep + tail);
const email = fc
  .tuple(localPart, fc.constantFrom(...DOMAINS))
  .map(([local, domain]) => `${local}@${domain}`.toLowerCase());
const phone = fc
  .tuple(
    fc.constantFrom(...COUNTRIES),
    fc.integer({ min: 1, max: 9 }),
    fc.stringMatching(/^[0-9]{5,9}$/),
  )
  .map(([code, first, rest]) => `${code}${first}${rest}`);

/** Customers with distinct ids, as an index holds them. */
export const customers = (minLength: number, maxLength: number) =>
  fc
    .uniqueArray(fc.constantFrom(...IDS), { minLength, maxLength })
    .chain((ids) => fc.tuple(...ids.map((id) => searchDoc.map((doc) => ({ ...doc, id })))));

export const searchDoc: fc.Arbitrary<SearchDoc> = fc
  .record({
    id: fc.constantFrom(...IDS),
    first_name: fc.constantFrom(...NAMES),
    last_name: fc.constantFrom(...NAMES),
    emails: fc.uniqueArray(email, { maxLength: 3 }),
    phones: fc.array(phone, { maxLength: 3 }),
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    notes: fc.array(fc.constantFrom(...NOTE_WORDS), { maxLength: 4 }).map((w) => w.join(' ')),
    lifecycle: fc.constantFrom(...LIFECYCLES),
    owner_id: fc.constantFrom(...OWNERS),
    email_opt_in: fc.constantFrom(0 as const, 1 as const),
    sms_opt_in: fc.constantFrom(0 as const, 1 as const),
    created_at: fc.constantFrom(...TIMES),
    updated_at: fc.constantFrom(...TIMES),
    last_touch_at: fc.constantFrom(...TIMES),
    odd_sort_name: fc.option(fc.constantFrom('', 'Ω', '😀', '\uffff', 'a'), { freq: 4 }),
  })
  .map(({ odd_sort_name, ...doc }) => ({
    ...doc,
    sort_name: odd_sort_name ?? foldText(`${doc.last_name} ${doc.first_name}`).trim(),
  }));

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
