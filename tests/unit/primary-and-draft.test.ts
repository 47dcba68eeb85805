import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyConsentChange, NO_CONSENT } from '../../src/renderer/src/domain/consent';
import {
  emptyCustomerDraft,
  validateCustomerDraft,
} from '../../src/renderer/src/domain/customer-draft';
import { checkDateOfBirth } from '../../src/renderer/src/domain/dates';
import { resolvePrimaryFlags } from '../../src/renderer/src/domain/primary-flags';
import type { ConsentState, Lifecycle } from '../../src/renderer/src/domain/records';
import { normalizeTags, parseTagInput } from '../../src/renderer/src/domain/tags';
import { draft, emailDraft, phoneDraft } from './helpers';

// ------------------------------------------------------------------ resolvePrimaryFlags

type Item = { id: string; is_primary: 0 | 1; deleted: 0 | 1; created_at: string };

function item(id: string, created_at: string, is_primary: 0 | 1 = 0, deleted: 0 | 1 = 0): Item {
  return { id, created_at, is_primary, deleted };
}

const isoTime = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const items: fc.Arbitrary<Item[]> = fc
  .uniqueArray(
    fc.record({
      created_at: isoTime,
      is_primary: fc.constantFrom<0 | 1>(0, 1),
      deleted: fc.constantFrom<0 | 1>(0, 0, 1),
    }),
    { maxLength: 7, selector: (entry) => entry.created_at },
  )
  .map((entries) => entries.map((entry, index) => ({ ...entry, id: `item-${index}` })));

function primaries(flags: Map<string, 0 | 1>): string[] {
  return [...flags].filter(([, flag]) => flag === 1).map(([id]) => id);
}

describe('resolvePrimaryFlags', () => {
  it('keeps the flagged live item', () => {
    const flags = resolvePrimaryFlags([
      item('a', '2026-01-01'),
      item('b', '2026-01-02', 1),
      item('c', '2026-01-03'),
    ]);
    expect(Object.fromEntries(flags)).toEqual({ a: 0, b: 1, c: 0 });
  });

  it('falls back to the oldest live item when the flagged one is deleted', () => {
    const flags = resolvePrimaryFlags([
      item('a', '2026-01-03'),
      item('b', '2026-01-01', 1, 1),
      item('c', '2026-01-02'),
    ]);
    expect(Object.fromEntries(flags)).toEqual({ a: 0, b: 0, c: 1 });
  });

  it('the preferred live item wins over the flagged one', () => {
    const flags = resolvePrimaryFlags([item('a', '2026-01-01', 1), item('b', '2026-01-02')], 'b');
    expect(Object.fromEntries(flags)).toEqual({ a: 0, b: 1 });
  });

  it('a preferred item that is deleted or unknown does not win', () => {
    const list = [item('a', '2026-01-01', 1), item('b', '2026-01-02', 0, 1)];
    expect(Object.fromEntries(resolvePrimaryFlags(list, 'b'))).toEqual({ a: 1, b: 0 });
    expect(Object.fromEntries(resolvePrimaryFlags(list, 'zzz'))).toEqual({ a: 1, b: 0 });
  });

  it('two flagged items keep only one', () => {
    const flags = resolvePrimaryFlags([item('a', '2026-01-01', 1), item('b', '2026-01-02', 1)]);
    expect(primaries(flags)).toHaveLength(1);
  });

  it('no live item means no primary, and an empty list gives no flags', () => {
    expect(primaries(resolvePrimaryFlags([item('a', '2026-01-01', 1, 1)]))).toEqual([]);
    expect(resolvePrimaryFlags([]).size).toBe(0);
  });

  it('exactly one live primary whenever any item is live, chosen by the rules', () => {
    fc.assert(
      fc.property(
        items,
        fc.option(fc.oneof(fc.constantFrom('item-0', 'item-1', 'item-2'), fc.string()), {
          nil: undefined,
        }),
        (list, preferred) => {
          const flags = resolvePrimaryFlags(list, preferred);
          const live = list.filter((entry) => entry.deleted === 0);
          expect([...flags.keys()].sort()).toEqual(list.map((entry) => entry.id).sort());
          const chosen = primaries(flags);
          expect(chosen).toHaveLength(live.length > 0 ? 1 : 0);
          for (const entry of list) if (entry.deleted === 1) expect(flags.get(entry.id)).toBe(0);
          if (live.length === 0) return;
          const [winner] = chosen;
          const preferredLive = live.find((entry) => entry.id === preferred);
          const flagged = live.filter((entry) => entry.is_primary === 1);
          if (preferredLive) expect(winner).toBe(preferredLive.id);
          else if (flagged.length > 0) expect(flagged.map((entry) => entry.id)).toContain(winner);
          else {
            const oldest = [...live].sort((x, y) => (x.created_at < y.created_at ? -1 : 1))[0];
            expect(winner).toBe(oldest?.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is stable: resolving resolved flags again changes nothing', () => {
    fc.assert(
      fc.property(items, fc.constantFrom('item-0', 'item-1', undefined), (list, preferred) => {
        const flags = resolvePrimaryFlags(list, preferred);
        const applied = list.map((entry) => ({ ...entry, is_primary: flags.get(entry.id) ?? 0 }));
        expect(resolvePrimaryFlags(applied)).toEqual(flags);
        expect(resolvePrimaryFlags([...applied].reverse())).toEqual(flags);
      }),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ validateCustomerDraft

function errorsOf(result: ReturnType<typeof validateCustomerDraft>): Record<string, string> {
  return result.ok ? {} : result.errors;
}

describe('validateCustomerDraft', () => {
  it('returns the cleaned customer', () => {
    const result = validateCustomerDraft(
      draft({
        first_name: '  Ana ',
        last_name: ' Lima ',
        date_of_birth: ' 1990-02-28 ',
        tags: [' vip', 'VIP', 'jazz  club'],
        emails: [emailDraft('  Ana@X.com ', true), emailDraft('')],
        phones: [phoneDraft(' 030 1234567 ')],
        notes: ' keep as typed ',
      }),
      'DE',
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        first_name: 'Ana',
        last_name: 'Lima',
        date_of_birth: '1990-02-28',
        tags: ['vip', 'jazz club'],
        notes: ' keep as typed ',
        emails: [
          { address: 'Ana@X.com', address_normalized: 'ana@x.com', label: '', is_primary: true },
        ],
        phones: [
          {
            e164: '+49301234567',
            raw_input: '030 1234567',
            type: 'mobile',
            label: '',
            is_primary: false,
          },
        ],
      }),
    });
  });

  it('keys every problem by its field path, all at once', () => {
    const result = validateCustomerDraft(
      draft({
        first_name: 'Ana',
        emails: [emailDraft('ok@x.com'), emailDraft('bad@'), emailDraft('also bad')],
        phones: [phoneDraft('555'), phoneDraft('+1 415 555 0134')],
        date_of_birth: '1990-02-30',
        lifecycle: 'vip' as Lifecycle,
      }),
      'US',
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(errorsOf(result)).sort()).toEqual([
      'date_of_birth',
      'emails.1.address',
      'emails.2.address',
      'lifecycle',
      'phones.0.raw_input',
    ]);
  });

  it('refuses the same email twice in one draft, whatever its case or padding', () => {
    const result = validateCustomerDraft(
      draft({
        emails: [emailDraft('Ana@x.com'), emailDraft('b@x.com'), emailDraft(' ana@X.COM ')],
      }),
      'US',
    );
    expect(errorsOf(result)).toEqual({ 'emails.2.address': 'This email is listed twice' });
  });

  it('refuses the same phone twice in one draft, however it is written', () => {
    const result = validateCustomerDraft(
      draft({
        first_name: 'Ana',
        phones: [phoneDraft('(415) 555-0134'), phoneDraft('+1 415 555 0134')],
      }),
      'US',
    );
    expect(errorsOf(result)).toEqual({ 'phones.1.raw_input': 'This number is listed twice' });
  });

  it('ignores empty email and phone rows', () => {
    const result = validateCustomerDraft(
      draft({ first_name: 'Ana', emails: [emailDraft('  ')], phones: [phoneDraft('')] }),
      'US',
    );
    expect(result.ok && result.value.emails.length + result.value.phones.length).toBe(0);
    expect(result.ok).toBe(true);
  });

  it('needs a name, an email or a phone', () => {
    const blank = validateCustomerDraft(
      draft({ first_name: '  ', emails: [emailDraft('')], phones: [phoneDraft(' ')] }),
      'US',
    );
    expect(errorsOf(blank)).toEqual({ first_name: 'Give a name, an email or a phone' });
    expect(validateCustomerDraft(emptyCustomerDraft(), 'US').ok).toBe(false);
    expect(validateCustomerDraft(draft({ last_name: 'Lima' }), 'US').ok).toBe(true);
    expect(validateCustomerDraft(draft({ emails: [emailDraft('a@x.com')] }), 'US').ok).toBe(true);
    expect(validateCustomerDraft(draft({ phones: [phoneDraft('030 1234567')] }), 'DE').ok).toBe(
      true,
    );
  });

  it('reads phones in the default region', () => {
    const phone = [phoneDraft('030 1234567')];
    expect(validateCustomerDraft(draft({ first_name: 'A', phones: phone }), 'DE').ok).toBe(true);
    expect(
      errorsOf(validateCustomerDraft(draft({ first_name: 'A', phones: phone }), 'US')),
    ).toHaveProperty('phones.0.raw_input');
  });

  it('refuses a birthday in the future', () => {
    const result = validateCustomerDraft(
      draft({ first_name: 'A', date_of_birth: '2999-01-01' }),
      'US',
    );
    expect(errorsOf(result)).toHaveProperty('date_of_birth');
  });

  it('every error is keyed by a known field path and every valid draft is clean', () => {
    const address = fc.constantFrom('a@x.com', 'A@X.com', 'bad@', '', ' ', 'b@y.org', 'no at');
    const phone = fc.constantFrom(
      '(415) 555-0134',
      '+1 415 555 0134',
      '555',
      '',
      'abc',
      '415 555 0199',
    );
    fc.assert(
      fc.property(
        fc.constantFrom('', ' ', 'Ana'),
        fc.array(address, { maxLength: 4 }),
        fc.array(phone, { maxLength: 4 }),
        (name, emails, phones) => {
          const result = validateCustomerDraft(
            draft({
              first_name: name,
              emails: emails.map((value) => emailDraft(value)),
              phones: phones.map((value) => phoneDraft(value)),
            }),
            'US',
          );
          if (!result.ok) {
            expect(Object.keys(result.errors).length).toBeGreaterThan(0);
            for (const key of Object.keys(result.errors)) {
              expect(key).toMatch(/^(first_name|emails\.\d+\.address|phones\.\d+\.raw_input)$/);
              const match = /^(emails|phones)\.(\d+)\./.exec(key);
              if (match) {
                const rows = match[1] === 'emails' ? emails : phones;
                expect(rows[Number(match[2])]?.trim()).not.toBe('');
              }
            }
            return;
          }
          const normalized = result.value.emails.map((email) => email.address_normalized);
          expect(new Set(normalized).size).toBe(normalized.length);
          const e164 = result.value.phones.map((entry) => entry.e164);
          expect(new Set(e164).size).toBe(e164.length);
          expect(result.value.first_name !== '' || normalized.length + e164.length > 0).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ checkDateOfBirth

describe('checkDateOfBirth', () => {
  const today = new Date('2026-05-10T12:00:00Z');

  it.each([
    ['', null],
    ['   ', null],
    ['1990-02-28', '1990-02-28'],
    [' 1990-02-28 ', '1990-02-28'],
    ['1900-01-01', '1900-01-01'],
    ['2000-02-29', '2000-02-29'],
    ['2024-02-29', '2024-02-29'],
    ['2026-05-10', '2026-05-10'],
    ['--02-29', '--02-29'],
    ['--12-31', '--12-31'],
    ['--01-01', '--01-01'],
  ])('accepts %j', (input, value) => {
    expect(checkDateOfBirth(input, today)).toEqual({ ok: true, value });
  });

  it.each([
    ['1990-02-30', 'not a real date'],
    ['2023-02-29', 'not a real date'],
    ['1900-02-29', 'not a real date'],
    ['1990-13-01', 'not a real date'],
    ['1990-00-10', 'not a real date'],
    ['1990-04-31', 'not a real date'],
    ['1990-01-00', 'not a real date'],
    ['--02-30', 'not a real date'],
    ['--13-01', 'not a real date'],
    ['--00-01', 'not a real date'],
    ['1899-12-31', 'between 1900 and today'],
    ['2026-05-11', 'between 1900 and today'],
    ['2999-01-01', 'between 1900 and today'],
    ['1990/02/28', 'YYYY-MM-DD'],
    ['28.02.1990', 'YYYY-MM-DD'],
    ['1990-2-28', 'YYYY-MM-DD'],
    ['90-02-28', 'YYYY-MM-DD'],
    ['1990-02-28T00:00', 'YYYY-MM-DD'],
    ['02-29', 'YYYY-MM-DD'],
    ['yesterday', 'YYYY-MM-DD'],
  ])('refuses %j', (input, reason) => {
    const check = checkDateOfBirth(input, today);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const ymd = (date: Date) =>
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

  it('accepts every real day from 1900 to today and refuses every later one', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = ymd(date);
          const check = checkDateOfBirth(text, today);
          if (text <= ymd(today)) expect(check).toEqual({ ok: true, value: text });
          else expect(check.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts every day of a leap year without its year, and only those', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (month, day) => {
          const real = new Date(Date.UTC(2024, month - 1, day)).getUTCMonth() === month - 1;
          expect(checkDateOfBirth(`--${pad(month)}-${pad(day)}`, today).ok).toBe(real);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ tags

describe('normalizeTags and parseTagInput', () => {
  it('trims, collapses spaces, drops empties and repeats, keeps the first spelling', () => {
    expect(normalizeTags([' VIP ', 'vip', 'jazz   club', '', '  ', 'Jazz Club', 'rock'])).toEqual([
      'VIP',
      'jazz club',
      'rock',
    ]);
    expect(normalizeTags([])).toEqual([]);
  });

  it('splits typed input on commas and semicolons', () => {
    expect(parseTagInput('vip, festival;  jazz')).toEqual(['vip', 'festival', 'jazz']);
    expect(parseTagInput(' ,; ,')).toEqual([]);
    expect(parseTagInput('Summer Tour 2026;summer tour 2026, press')).toEqual([
      'Summer Tour 2026',
      'press',
    ]);
  });

  const tagText = fc.stringMatching(/^[ a-zA-Z\t]{0,8}$/);

  it('gives clean, case-distinct tags, idempotently, in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(tagText, { maxLength: 8 }), (tags) => {
        const result = normalizeTags(tags);
        for (const tag of result) {
          expect(tag).toBe(tag.trim());
          expect(tag).not.toBe('');
          expect(tag).not.toMatch(/\s\s/);
        }
        const keys = result.map((tag) => tag.toLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
        expect(normalizeTags(result)).toEqual(result);
        // Every non-empty input is represented by the first tag written like it.
        const clean = tags.map((tag) => tag.trim().replace(/\s+/g, ' ')).filter(Boolean);
        const firsts = clean.filter(
          (tag, index) =>
            clean.findIndex((other) => other.toLowerCase() === tag.toLowerCase()) === index,
        );
        expect(result).toEqual(firsts);
      }),
      { numRuns: 200 },
    );
  });

  it('parseTagInput of joined tags gives the tags back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6})?$/), { maxLength: 6 }),
        fc.constantFrom(', ', ';', ' ; ', ','),
        (tags, separator) => {
          expect(parseTagInput(tags.join(separator))).toEqual(normalizeTags(tags));
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ consent

describe('applyConsentChange', () => {
  const t1 = '2026-01-01T10:00:00.000Z';
  const t2 = '2026-02-01T10:00:00.000Z';

  it('records opting in with its source and time', () => {
    expect(applyConsentChange(NO_CONSENT, true, ' signup sheet ', t1)).toEqual({
      opted_in: true,
      source: 'signup sheet',
      changed_at: t1,
    });
  });

  it('an empty source is recorded as manual', () => {
    expect(applyConsentChange(NO_CONSENT, true, '   ', t1).source).toBe('manual');
  });

  it('the same decision again keeps the first proof', () => {
    const first = applyConsentChange(NO_CONSENT, true, 'web form', t1);
    expect(applyConsentChange(first, true, 'import', t2)).toBe(first);
  });

  it('withdrawing consent is recorded', () => {
    const first = applyConsentChange(NO_CONSENT, true, 'web form', t1);
    expect(applyConsentChange(first, false, 'unsubscribe link', t2)).toEqual({
      opted_in: false,
      source: 'unsubscribe link',
      changed_at: t2,
    });
  });

  it('an explicit refusal is recorded even though the default was already "no"', () => {
    expect(applyConsentChange(NO_CONSENT, false, 'asked at the door', t1)).toEqual({
      opted_in: false,
      source: 'asked at the door',
      changed_at: t1,
    });
    expect(NO_CONSENT).toEqual({ opted_in: false, source: null, changed_at: null });
  });

  it('always ends at the decision asked for, and only a change moves the time', () => {
    const state: fc.Arbitrary<ConsentState> = fc.oneof(
      fc.constant(NO_CONSENT),
      fc.record({
        opted_in: fc.boolean(),
        source: fc.constantFrom('manual', 'import'),
        changed_at: fc.constant(t1),
      }),
    );
    fc.assert(
      fc.property(state, fc.boolean(), fc.string({ maxLength: 10 }), (current, optedIn, source) => {
        const next = applyConsentChange(current, optedIn, source, t2);
        expect(next.opted_in).toBe(optedIn);
        expect(next.changed_at).not.toBeNull();
        const unchanged = current.opted_in === optedIn && current.changed_at !== null;
        expect(next).toEqual(
          unchanged
            ? current
            : { opted_in: optedIn, source: source.trim() || 'manual', changed_at: t2 },
        );
      }),
      { numRuns: 200 },
    );
  });
});
