import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateDocOf } from '../../src/renderer/src/domain/duplicates/candidate-doc';
import { confidenceOf } from '../../src/renderer/src/domain/duplicates/confidence';
import {
  emailDomain,
  emailLocalKey,
  isFreemailDomain,
} from '../../src/renderer/src/domain/duplicates/emails';
import {
  isSameName,
  nameBlockingKey,
  nameSimilarity,
  normalizeNameParts,
  withinOneEdit,
} from '../../src/renderer/src/domain/duplicates/names';
import type { DuplicateReason } from '../../src/renderer/src/domain/duplicates/reasons';
import { dobReasons, pairReasons } from '../../src/renderer/src/domain/duplicates/reasons';
import { DUPLICATE_RULES } from '../../src/renderer/src/domain/duplicates/rules';
import { person } from './duplicates-helpers';

const name = normalizeNameParts;
const household = () => false;

describe('what counts as the same name', () => {
  it('folds accents and case, and ignores punctuation and spacing', () => {
    const zoe = name('Zoë', "O'Brien");
    expect(zoe).toEqual({ first: 'zoe', last: 'obrien' });
    expect(isSameName(zoe, name('ZOE', 'OBrien'))).toBe(true);
    expect(isSameName(zoe, name('zoe', 'O Brien'))).toBe(true);
    expect(isSameName(zoe, name('Zoe', 'O’Brien'))).toBe(true);
    expect(isSameName(name('Jean-Paul', 'Gaultier'), name('Jean Paul', 'Gaultier'))).toBe(true);
    expect(isSameName(name('Søren', 'Weiß'), name('soren', 'weiss'))).toBe(true);
  });

  it('reads a swapped name and a full name typed in one field as the same', () => {
    const ana = name('Ana', 'Andersson');
    expect(isSameName(ana, name('Andersson', 'Ana'))).toBe(true);
    expect(isSameName(ana, name('Ana Andersson', ''))).toBe(true);
    expect(isSameName(ana, name('', 'Andersson, Ana'))).toBe(true);
    // The import splits "Zoë O Brien" at the last space: first "Zoë O", last "Brien".
    expect(isSameName(name('Zoë', "O'Brien"), name('Zoë O', 'Brien'))).toBe(true);
    // Swapped and split elsewhere at once: only the last+first readings meet.
    expect(isSameName(name('Brien', 'Zoë O'), name("O'Brien", 'Zoë'))).toBe(true);
  });

  it('needs a first and a last part: a single word is not enough', () => {
    expect(isSameName(name('Ana', ''), name('Ana', ''))).toBe(false);
    expect(isSameName(name('', ''), name('', ''))).toBe(false);
    expect(isSameName(name('Ana', '-'), name('Ana', '.'))).toBe(false);
    expect(nameSimilarity(name('Ana', ''), name('Ana', 'Andersson'))).toBeNull();
  });

  it('keeps different people apart', () => {
    expect(isSameName(name('Ana', 'Andersson'), name('Anna', 'Andersson'))).toBe(false);
    expect(isSameName(name('John', 'Smith'), name('John', 'Smith Jr.'))).toBe(false);
  });

  it('finds one typo, a swapped pair of letters, and an initial', () => {
    expect(nameSimilarity(name('Ana', 'Andersson'), name('Ana', 'Anderson'))).toBe('typo');
    expect(nameSimilarity(name('Ana', 'Andersson'), name('Aan', 'Andersson'))).toBe('typo');
    expect(nameSimilarity(name('Ana', 'Andersson'), name('Anderson', 'Ana'))).toBe('typo');
    expect(nameSimilarity(name('A.', 'Andersson'), name('Ana', 'Andersson'))).toBe('initial');
    expect(nameSimilarity(name('Andersson', 'A'), name('Ana', 'Andersson'))).toBe('initial');
    expect(nameSimilarity(name('B.', 'Andersson'), name('Ana', 'Andersson'))).toBeNull();
    expect(nameSimilarity(name('Ana', 'Andersen'), name('Ana', 'Andersson'))).toBeNull();
  });

  it('withinOneEdit agrees with a plain edit distance (with transpositions) <= 1', () => {
    const osa = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i += 1)
        for (let j = 1; j <= b.length; j += 1) {
          const row = d[i] as number[];
          const up = d[i - 1] as number[];
          row[j] = Math.min(
            (up[j] as number) + 1,
            (row[j - 1] as number) + 1,
            (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      return (d[a.length] as number[])[b.length] as number;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(osa(a, b) <= 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every reading of a name one blocking key', () => {
    const key = nameBlockingKey(name('Zoë', "O'Brien"));
    expect(nameBlockingKey(name("O'Brien", 'Zoë'))).toBe(key);
    expect(nameBlockingKey(name('Zoë O', 'Brien'))).toBe(key);
    expect(nameBlockingKey(name('Zoë', 'Brian'))).not.toBe(key);
  });
});

describe('email parts', () => {
  it('reads the local part without tags and separators, and the domain', () => {
    expect(emailLocalKey('ana.andersson+tickets@gmail.com')).toBe('anaandersson');
    expect(emailLocalKey('ana_andersson@work.se')).toBe('anaandersson');
    expect(emailLocalKey('ana.andersson55@outlook.com')).toBe('anaandersson55');
    expect(emailDomain('ana@Work.se'.toLowerCase())).toBe('work.se');
  });

  it('knows the big mailbox providers', () => {
    for (const domain of ['gmail.com', 'yahoo.co.uk', 'hotmail.fr', 'outlook.com', 'gmx.de'])
      expect(isFreemailDomain(domain)).toBe(true);
    for (const domain of ['booking-agency.co.uk', 'venue.fr', 'gmail.agency.com'])
      expect(isFreemailDomain(domain)).toBe(false);
  });
});

describe('candidate docs', () => {
  it('keep only live contact points of the customer, normalized and sorted', () => {
    const doc = candidateDocOf(
      {
        id: 'c1',
        first_name: 'Zoë',
        last_name: "O'Brien",
        date_of_birth: null,
        updated_at: 't',
        deleted: 0,
      },
      [
        { customer_id: 'c1', address_normalized: 'zoe@b.ie', deleted: 0 },
        { customer_id: 'c1', address_normalized: 'gone@b.ie', deleted: 1 },
        { customer_id: 'other', address_normalized: 'x@b.ie', deleted: 0 },
        { customer_id: 'c1', address_normalized: 'a@b.ie', deleted: 0 },
      ],
      [
        { customer_id: 'c1', e164: '+353861234567', deleted: 0 },
        { customer_id: 'c1', e164: '+353861234567', deleted: 0 },
      ],
    );
    expect(doc).toMatchObject({
      name: { first: 'zoe', last: 'obrien' },
      emails: ['a@b.ie', 'zoe@b.ie'],
      phones: ['+353861234567'],
    });
  });
});

describe('reasons and confidence', () => {
  const ana = (extra: Parameters<typeof person>[1] = {}) =>
    person('x', { first: 'Ana', last: 'Andersson', ...extra });
  const reasons = (
    a: ReturnType<typeof person>,
    b: ReturnType<typeof person>,
    shared = household,
  ) => pairReasons(a, b, shared);
  const level = (a: ReturnType<typeof person>, b: ReturnType<typeof person>, shared = household) =>
    confidenceOf(reasons(a, b, shared));
  const phone = '+46701234567';

  it('same name with the same phone, or the same date of birth, is high', () => {
    expect(
      level(
        ana({ phones: [phone] }),
        person('y', { first: 'Andersson', last: 'Ana', phones: [phone] }),
      ),
    ).toBe('high');
    expect(level(ana({ dob: '1990-04-01' }), ana({ dob: '1990-04-01' }))).toBe('high');
  });

  it('two dates of birth that disagree make any pair low (father and son)', () => {
    const a = ana({ phones: [phone], dob: '1960-01-01' });
    const b = ana({ phones: [phone], dob: '1990-01-01' });
    expect(reasons(a, b)).toContainEqual({
      kind: 'different-dob',
      dobs: ['1960-01-01', '1990-01-01'],
    });
    expect(level(a, b)).toBe('low');
  });

  it('a date without a year agrees with a full date on that day', () => {
    expect(dobReasons(ana({ dob: '--04-01' }), ana({ dob: '1990-04-01' }))).toEqual([]);
    expect(dobReasons(ana({ dob: '--04-01' }), ana({ dob: '1990-04-02' }))).toHaveLength(1);
    expect(dobReasons(ana({ dob: null }), ana({ dob: '1990-04-02' }))).toEqual([]);
  });

  it('a phone many customers share lowers same-name to medium', () => {
    const a = ana({ phones: [phone] });
    const b = ana({ phones: [phone] });
    expect(level(a, b, () => true)).toBe('medium');
    expect(reasons(a, b, () => true)).toContainEqual({
      kind: 'same-phone',
      phone,
      sharedLine: true,
    });
  });

  it('same name with a company domain is medium, with gmail low', () => {
    const at = (domain: string, local: string) => ana({ emails: [`${local}@${domain}`] });
    expect(level(at('agency.se', 'ana'), at('agency.se', 'a.andersson'))).toBe('medium');
    expect(level(at('gmail.com', 'ana'), at('gmail.com', 'a.andersson'))).toBe('low');
  });

  it('one typo with a shared phone is medium, with a shared local part low', () => {
    const typo = person('y', { first: 'Ana', last: 'Anderson', phones: [phone] });
    expect(level(ana({ phones: [phone] }), typo)).toBe('medium');
    const a = ana({ emails: ['ana.andersson@gmail.com'] });
    const b = person('y', { first: 'Anna', last: 'Andersson', emails: ['anaandersson@work.se'] });
    expect(reasons(a, b).map((r) => r.kind)).toEqual(['similar-name', 'same-email-local']);
    expect(level(a, b)).toBe('low');
  });

  it('a shared local part that is only the name written out keeps the same name low', () => {
    const a = ana({ emails: ['ana.andersson@gmail.com', 'dj.ana@gmail.com'] });
    const b = ana({ emails: ['aandersson@web.de', 'ana.andersson@web.de', 'dj-ana@web.de'] });
    expect(reasons(a, b).filter((r) => r.kind === 'same-email-local')).toEqual([
      { kind: 'same-email-local', local: 'anaandersson', fromName: true },
      { kind: 'same-email-local', local: 'djana', fromName: false },
    ]);
    expect(level(a, b)).toBe('medium');
    const plain = ana({ emails: ['ana.andersson@web.de'] });
    expect(level(ana({ emails: ['ana.andersson@gmail.com'] }), plain)).toBe('low');
    // Still a pair (the rule), at low: the local part says no more than the name.
    expect(
      DUPLICATE_RULES['email-local'].fires(
        reasons(ana({ emails: ['ana.andersson@gmail.com'] }), plain),
      ),
    ).toBe(true);
  });

  it('a shared phone alone is low (a family)', () => {
    const erik = person('y', { first: 'Erik', last: 'Andersson', phones: [phone] });
    expect(reasons(ana({ phones: [phone] }), erik)).toEqual([
      { kind: 'same-phone', phone, sharedLine: false },
    ]);
    expect(level(ana({ phones: [phone] }), erik)).toBe('low');
  });

  it('blank fields give no reasons', () => {
    expect(reasons(person('x'), person('y'))).toEqual([]);
  });

  it('high always has the same name and never two dates of birth', () => {
    const kinds: DuplicateReason[] = [
      { kind: 'same-name' },
      { kind: 'similar-name', how: 'typo' },
      { kind: 'similar-name', how: 'initial' },
      { kind: 'same-dob', dob: 'd' },
      { kind: 'different-dob', dobs: ['a', 'b'] },
      { kind: 'same-phone', phone: 'p', sharedLine: false },
      { kind: 'same-phone', phone: 'p', sharedLine: true },
      { kind: 'same-email-domain', domain: 'd', freemail: false },
      { kind: 'same-email-domain', domain: 'd', freemail: true },
      { kind: 'same-email-local', local: 'l', fromName: false },
      { kind: 'same-email-local', local: 'm', fromName: true },
    ];
    fc.assert(
      fc.property(fc.subarray(kinds), (subset) => {
        if (confidenceOf(subset) !== 'high') return;
        const has = (kind: string) => subset.some((r) => r.kind === kind);
        expect(has('same-name')).toBe(true);
        expect(has('different-dob')).toBe(false);
        expect(
          subset.some((r) => (r.kind === 'same-phone' && !r.sharedLine) || r.kind === 'same-dob'),
        ).toBe(true);
      }),
    );
  });
});

describe('rules', () => {
  it('a shared local part pairs only similar names', () => {
    const fires = DUPLICATE_RULES['email-local'].fires;
    expect(fires([{ kind: 'same-email-local', local: 'info', fromName: false }])).toBe(false);
    expect(fires([{ kind: 'similar-name', how: 'typo' }])).toBe(true);
    expect(DUPLICATE_RULES['name-dob'].fires([{ kind: 'similar-name', how: 'typo' }])).toBe(false);
    expect(DUPLICATE_RULES.phone.fires([])).toBe(true);
  });
});
