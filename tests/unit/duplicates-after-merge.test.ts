// What follows a merge: edits of merged-away customers landing on the survivor, the bulk
// "merge all high-confidence pairs", and the import wizard's "same person, other email".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BULK_GROUP, planBulkMerge } from '../../src/renderer/src/domain/duplicates/bulk-merge';
import { DuplicateIndex } from '../../src/renderer/src/domain/duplicates/duplicate-index';
import { likelyExistingCustomers } from '../../src/renderer/src/domain/duplicates/import-assist';
import { followMerges, resolveMergedId } from '../../src/renderer/src/domain/duplicates/merged-id';
import { person } from './duplicates-helpers';

describe('resolveMergedId', () => {
  it('follows a chain to the survivor, and stops at a customer never merged', () => {
    const mergedInto = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', null],
    ]);
    expect(resolveMergedId('a', mergedInto)).toBe('c');
    expect(followMerges('a', mergedInto)).toEqual({ id: 'c', path: ['a', 'b', 'c'], cycle: false });
    expect(resolveMergedId('c', mergedInto)).toBe('c');
    expect(resolveMergedId('unknown', mergedInto)).toBe('unknown');
    expect(resolveMergedId('a', (id) => (id === 'a' ? 'b' : undefined))).toBe('b');
  });

  it('resolves a crosswise merge (a loop) to its smallest id, from any entry', () => {
    const loop = new Map([
      ['x', 'c'],
      ['c', 'a'],
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(followMerges('x', loop)).toEqual({ id: 'a', path: ['x', 'c', 'a', 'b'], cycle: true });
    expect(resolveMergedId('b', loop)).toBe('a');
    expect(followMerges('s', new Map([['s', 's']]))).toMatchObject({ id: 's', cycle: true });
  });

  it('always ends, and every entry into one chain lands on the same customer', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...ids), fc.option(fc.constantFrom(...ids), { nil: null })),
        (links) => {
          const lookup = new Map(Object.entries(links));
          for (const id of ids) {
            const trail = followMerges(id, lookup);
            expect(trail.path.length).toBeLessThanOrEqual(ids.length + 1);
            // Asking again from where it landed lands in the same place.
            expect(resolveMergedId(trail.id, lookup)).toBe(trail.id);
            for (const passed of trail.path) expect(resolveMergedId(passed, lookup)).toBe(trail.id);
          }
        },
      ),
    );
  });
});

describe('planBulkMerge', () => {
  const dobs: Record<string, string | null> = { a: null, b: '1990-04-01', c: '1985-01-01' };
  const dobOf = (id: string) => dobs[id] ?? null;

  it('merges groups of high pairs into their smallest id, and counts what goes', () => {
    const plan = planBulkMerge(
      [
        { a: 'p2', b: 'p3', confidence: 'high' },
        { a: 'p1', b: 'p2', confidence: 'high' },
        { a: 'q1', b: 'q2', confidence: 'high' },
        { a: 'q1', b: 'z9', confidence: 'medium' },
      ],
      dobOf,
    );
    expect(plan).toEqual({
      groups: [
        { survivorId: 'p1', otherIds: ['p2', 'p3'] },
        { survivorId: 'q1', otherIds: ['q2'] },
      ],
      skipped: [],
      mergedAway: 3,
    });
  });

  it('leaves for review a chain whose dates of birth disagree, and a very large group', () => {
    const chain = planBulkMerge(
      [
        { a: 'a', b: 'b', confidence: 'high' },
        { a: 'a', b: 'c', confidence: 'high' },
      ],
      dobOf,
    );
    expect(chain).toEqual({
      groups: [],
      skipped: [{ ids: ['a', 'b', 'c'], why: 'different-dob' }],
      mergedAway: 0,
    });
    const ids = Array.from({ length: MAX_BULK_GROUP + 1 }, (_, i) => `m${i}`);
    const large = planBulkMerge(
      ids.slice(1).map((id) => ({ a: 'm0', b: id, confidence: 'high' as const })),
      () => null,
    );
    expect(large.skipped).toEqual([{ ids, why: 'too-large' }]);
    expect(
      planBulkMerge([{ a: 'a', b: 'b', confidence: 'high' }], () => '--04-01').groups,
    ).toHaveLength(1);
  });

  it('puts every customer of a high pair in exactly one merge or review group', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const pair = fc.record({
      a: fc.constantFrom(...ids),
      b: fc.constantFrom(...ids),
      confidence: fc.constantFrom('high' as const, 'low' as const),
    });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
        const real = pairs.filter((p) => p.a !== p.b);
        const plan = planBulkMerge(real, () => null);
        const placed = [
          ...plan.groups.flatMap((g) => [g.survivorId, ...g.otherIds]),
          ...plan.skipped.flatMap((s) => s.ids),
        ];
        const expected = new Set(
          real.filter((p) => p.confidence === 'high').flatMap((p) => [p.a, p.b]),
        );
        expect(placed.sort()).toEqual([...expected].sort());
        for (const group of plan.groups)
          expect(group.otherIds.every((id) => id > group.survivorId)).toBe(true);
        expect(plan.mergedAway).toBe(plan.groups.reduce((n, g) => n + g.otherIds.length, 0));
      }),
    );
  });
});

describe('likelyExistingCustomers (import plan step)', () => {
  const index = DuplicateIndex.build([
    person('ana', {
      first: 'Ana',
      last: 'Andersson',
      dob: '1990-04-01',
      emails: ['ana@agency.se'],
    }),
    person('zoe', {
      first: 'Zoë',
      last: "O'Brien",
      emails: ['zoe@obrien.ie'],
      phones: ['+353861234567'],
    }),
    person('mum', { first: 'Maeve', last: "O'Brien", phones: ['+353861234567'] }),
  ]);
  const row = (extra: Partial<Parameters<typeof likelyExistingCustomers>[0]>) => ({
    first_name: '',
    last_name: '',
    date_of_birth: null,
    emails: [],
    phones: [],
    ...extra,
  });

  it('names the existing customer a row is under another email, with the reasons', () => {
    const found = likelyExistingCustomers(
      row({
        first_name: 'Andersson',
        last_name: 'Ana',
        date_of_birth: '1990-04-01',
        emails: [{ normalized: 'andersson.1990@gmail.com' }],
      }),
      index,
    );
    expect(found).toEqual([
      {
        id: 'ana',
        confidence: 'high',
        score: 70,
        reasons: [{ kind: 'same-name' }, { kind: 'same-dob', dob: '1990-04-01' }],
      },
    ]);
    expect(index.has('ana') && index.size).toBe(3);
  });

  it('leaves out the customer that owns one of its emails (the import matches it already)', () => {
    const same = row({
      first_name: 'Ana',
      last_name: 'Andersson',
      date_of_birth: '1990-04-01',
      emails: [{ normalized: 'ana@agency.se' }],
    });
    expect(likelyExistingCustomers(same, index)).toEqual([]);
  });

  it('lists a shared phone alone only when asked for low confidence', () => {
    const sister = row({
      first_name: 'Siobhan',
      last_name: "O'Brien",
      phones: [{ e164: '+353861234567' }],
    });
    expect(likelyExistingCustomers(sister, index)).toEqual([]);
    expect(likelyExistingCustomers(sister, index, 'low').map((m) => m.id)).toEqual(['mum', 'zoe']);
    const zoe = row({
      first_name: 'Zoe',
      last_name: 'OBrien',
      phones: [{ e164: '+353861234567' }],
    });
    expect(likelyExistingCustomers(zoe, index).map((m) => `${m.id}:${m.confidence}`)).toEqual([
      'zoe:high',
    ]);
  });
});
