/**
 * Random customers for the search engine's property tests: names with accents, punctuation
 * and other scripts, several emails and phones in several countries, tags, notes, tied sort
 * keys, odd ids (search-query-arbitraries.ts builds queries from them).
 */
import fc from 'fast-check';
import type { SearchDoc } from '../../src/renderer/src/domain/search/search-types';
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
export const LIFECYCLES = ['lead', 'prospect', 'customer', 'inactive'] as const;

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
    // Never touched (absent or the stored marker), equal scores (ties by id), and spread ones.
    engagement_log: fc.option(fc.constantFrom(-1e9, 0, 1.5, 12.25, 12.25000001, 40.75, -3.5), {
      nil: undefined,
    }),
    odd_sort_name: fc.option(fc.constantFrom('', 'Ω', '😀', '\uffff', 'a'), { freq: 4 }),
  })
  .map(({ odd_sort_name, ...doc }) => ({
    ...doc,
    sort_name: odd_sort_name ?? foldText(`${doc.last_name} ${doc.first_name}`).trim(),
  }));
