import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from '../../src/renderer/src/domain/duplicates/duplicate-index';
import { KeyBuckets } from '../../src/renderer/src/domain/duplicates/key-buckets';
import { MAX_KEY_SHARE } from '../../src/renderer/src/domain/duplicates/rules';
import { brief, person } from './duplicates-helpers';

const PHONE = '+46701234567';

/** The list: the demo data and two files, the same people under other emails. */
function importedTwice(): DuplicateIndex {
  return DuplicateIndex.build([
    person('z1', { first: 'Zoë', last: "O'Brien", emails: ['zoe@obrien.ie'], phones: [PHONE] }),
    person('z2', {
      first: 'zoe',
      last: 'O Brien',
      emails: ['z.obrien@gmail.com'],
      phones: [PHONE],
    }),
    person('a1', { first: 'Ana', last: 'Andersson', emails: ['ana@agency.se'], dob: '1990-04-01' }),
    person('a2', { first: 'Andersson', last: 'Ana', emails: ['ana.a@agency.se'] }),
    person('a3', { first: 'Ana Andersson', emails: ['ana.andersson@web.de'], dob: '1990-04-01' }),
    person('x1', { first: 'Erik', last: 'Lund', emails: ['erik@lund.se'] }),
  ]);
}

describe('DuplicateIndex', () => {
  it("finds the issue's duplicates under different emails, best first", () => {
    const index = importedTwice();
    expect(brief(index.pairs())).toEqual([
      'a1+a3:high', // same name, same date of birth (ties on score: ids decide)
      'z1+z2:high', // same name, same phone
      'a1+a2:medium', // same name, same company domain
    ]);
    expect(index.pairs()[1]?.reasons).toEqual([
      { kind: 'same-name' },
      { kind: 'same-phone', phone: PHONE, sharedLine: false },
    ]);
    expect(brief(index.pairsFor('a1'))).toEqual(['a1+a3:high', 'a1+a2:medium']);
    expect(index.pairsFor('x1')).toEqual([]);
    expect(index.counts()).toEqual({ high: 2, medium: 1, low: 0 });
    expect(brief(index.pairs({ minConfidence: 'high', limit: 1 }))).toEqual(['a1+a3:high']);
    expect(brief(index.pairs({ minConfidence: 'medium' }))).toHaveLength(3);
  });

  it('pairs a family sharing a phone at low confidence', () => {
    const family = ['Ana', 'Erik', 'Lisa', 'Nils'].map((first, i) =>
      person(`f${i}`, { first, last: 'Lund', phones: [PHONE] }),
    );
    const index = DuplicateIndex.build(family);
    expect(index.pairs()).toHaveLength(6);
    expect(new Set(index.pairs().map((pair) => pair.confidence))).toEqual(new Set(['low']));
  });

  it('stops pairing through a phone that more than MAX_KEY_SHARE customers share', () => {
    const onBoxOffice = (i: number, first = `Fan${i}`) =>
      person(`b${i}`, { first, last: 'Guest', phones: [PHONE] });
    const index = DuplicateIndex.build(
      Array.from({ length: MAX_KEY_SHARE }, (_, i) => onBoxOffice(i)),
    );
    expect(index.pairs()).toHaveLength((MAX_KEY_SHARE * (MAX_KEY_SHARE - 1)) / 2);

    const crowded = index.add(onBoxOffice(MAX_KEY_SHARE));
    expect(crowded.appeared).toEqual([]);
    expect(crowded.disappeared).toHaveLength((MAX_KEY_SHARE * (MAX_KEY_SHARE - 1)) / 2);
    expect(index.pairs()).toEqual([]);

    // Two customers of one name on the shared line are still a pair, at medium.
    const again = index.add(onBoxOffice(MAX_KEY_SHARE + 1, 'Fan0'));
    expect(brief(again.appeared)).toEqual(['b0+b6:medium']);
    expect(again.appeared[0]?.reasons).toContainEqual({
      kind: 'same-phone',
      phone: PHONE,
      sharedLine: true,
    });

    // Back under the limit, the household pairs return and b0+b6 changes to high.
    const back = index.remove('b1');
    const back2 = index.remove('b2');
    expect(back.appeared).toEqual([]);
    expect(back2.appeared.length).toBeGreaterThan(0);
    expect(brief(back2.changed)).toEqual(['b0+b6:high']);
    expect(index.pairs().every((pair) => pair.reasons.some((r) => r.kind === 'same-phone'))).toBe(
      true,
    );
  });

  it('does not pair names that only share their letters (one name key, two names)', () => {
    const onLine = (id: string, last: string) =>
      person(id, { first: 'Ana', last, dob: '1990-04-01', phones: [PHONE] });
    const crowd = Array.from({ length: MAX_KEY_SHARE }, (_, i) =>
      person(`g${i}`, { first: `Guest${i}`, last: 'Fan', phones: [PHONE] }),
    );
    const index = DuplicateIndex.build([...crowd, onLine('bell', 'Bell'), onLine('lebl', 'Lebl')]);
    // Same letters, same date, same shared line: still two people.
    expect(index.pairsFor('bell')).toEqual([]);
  });

  it('reports what one edit did, and nothing for an edit that changes nothing it reads', () => {
    const index = importedTwice();
    const edited = index.update(
      person('a2', {
        first: 'Ana',
        last: 'Andersson',
        emails: ['ana.a@agency.se'],
        dob: '1990-04-01',
      }),
    );
    expect(brief(edited.appeared)).toEqual(['a2+a3:high']);
    expect(brief(edited.changed)).toEqual(['a1+a2:high']);
    expect(edited.disappeared).toEqual([]);
    expect(
      index.update(
        person('a2', {
          first: 'ANA',
          last: 'andersson',
          emails: ['ana.a@agency.se'],
          dob: '1990-04-01',
        }),
      ),
    ).toEqual({
      appeared: [],
      changed: [],
      disappeared: [],
    });
  });

  it('reports a changed reason even when the confidence stays', () => {
    const index = DuplicateIndex.build([
      person('p', { first: 'Ana', last: 'Lund', phones: [PHONE] }),
      person('q', { first: 'Bo', last: 'Lund', phones: [PHONE] }),
    ]);
    const moved = index.update(
      person('q', { first: 'Bo', last: 'Lund', phones: [PHONE, '+46709999999'] }),
    );
    expect(moved).toEqual({ appeared: [], changed: [], disappeared: [] });
    index.update(person('p', { first: 'Ana', last: 'Lund', phones: ['+46709999999'] }));
    expect(index.pairs()[0]?.reasons).toEqual([
      { kind: 'same-phone', phone: '+46709999999', sharedLine: false },
    ]);
  });

  it('removes a deleted or merged-away customer and its pairs', () => {
    const index = importedTwice();
    const gone = index.add(person('z2', { first: 'Zoë', last: "O'Brien", deleted: 1 }));
    expect(gone.disappeared).toEqual([{ a: 'z1', b: 'z2' }]);
    expect(index.has('z2')).toBe(false);
    expect(index.remove({ id: 'nobody' })).toEqual({ appeared: [], changed: [], disappeared: [] });
    expect(index.remove(person('z1')).disappeared).toEqual([]);
    expect(index.has('z1')).toBe(false);
  });

  it('never lists a dismissed pair, in either order, whatever changes later', () => {
    const index = DuplicateIndex.build(importedTwiceDocs(), { dismissed: [['z2', 'z1']] });
    expect(brief(index.pairs())).not.toContain('z1+z2:high');
    expect(index.isDismissed('z1', 'z2')).toBe(true);
    const edit = index.update(
      person('z2', { first: 'Zoë', last: "O'Brien", phones: [PHONE], dob: '1980-01-01' }),
    );
    expect(edit.appeared).toEqual([]);
    expect(index.pairsFor('z1')).toEqual([]);
    expect(index.dismiss('a1', 'a3').disappeared).toEqual([{ a: 'a1', b: 'a3' }]);
    expect(index.counts()).toEqual({ high: 0, medium: 1, low: 0 });
    expect(brief(index.undismiss('a3', 'a1').appeared)).toEqual(['a1+a3:high']);
  });

  it('probes a doc without adding it', () => {
    const index = importedTwice();
    const row = person('row', { first: 'Ana', last: 'Andersson', dob: '1990-04-01' });
    expect(index.probe(row).map((m) => `${m.id}:${m.confidence}`)).toEqual(['a1:high', 'a3:high']);
    expect(index.has('row')).toBe(false);
    expect(index.pairs()).toHaveLength(3);
  });
});

function importedTwiceDocs() {
  return [
    person('z1', { first: 'Zoë', last: "O'Brien", phones: [PHONE] }),
    person('z2', { first: 'zoe', last: 'O Brien', phones: [PHONE] }),
    person('a1', { first: 'Ana', last: 'Andersson', emails: ['ana@agency.se'], dob: '1990-04-01' }),
    person('a2', { first: 'Andersson', last: 'Ana', emails: ['ana.a@agency.se'] }),
    person('a3', { first: 'Ana Andersson', dob: '1990-04-01' }),
  ];
}

describe('KeyBuckets', () => {
  it('finds what sits past the end of the table after a deletion (runs wrap around)', () => {
    const wrapped = new KeyBuckets(4);
    wrapped.add(2015, 1); // last position of a table of 4
    wrapped.add(0, 2); // first position
    wrapped.remove(2015, 1);
    expect(wrapped.membersOf(0)).toEqual([2]);
    const run = new KeyBuckets(4);
    for (const [hash, slot] of [
      [2015, 1],
      [4031, 2],
      [6047, 3],
    ] as const)
      run.add(hash, slot);
    run.remove(4031, 2); // the run 5, 0, 1 of a table of 6 closes over the end
    expect([run.membersOf(2015), run.membersOf(6047), run.membersOf(4031)]).toEqual([[1], [3], []]);
  });

  it('holds the same memberships as a map of lists, through growth and deletions', () => {
    // Table sizes go 4, 6, 9, 14, 21, 32...; 2016k - 1 sits at the last position of each, so
    // runs wrap around the end and deletions must shift entries across it.
    const HASHES = [2015, 4031, 6047, 8063, 10079, 0, 1, 2, 3, 2014, 4030, 7, 19];
    const op = fc.record({
      add: fc.boolean(),
      hash: fc.constantFrom(...HASHES),
      slot: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const buckets = new KeyBuckets(4);
        const reference = new Map<number, number[]>();
        for (const { add, hash, slot } of ops) {
          const list = reference.get(hash) ?? [];
          if (add) {
            buckets.add(hash, slot);
            reference.set(hash, [...list, slot]);
          } else {
            buckets.remove(hash, slot);
            const at = list.indexOf(slot);
            if (at >= 0) list.splice(at, 1);
            if (list.length === 0) reference.delete(hash);
          }
          for (const h of HASHES) {
            const expected = [...(reference.get(h) ?? [])].sort();
            expect([...buckets.membersOf(h)].sort()).toEqual(expected);
            expect(buckets.sizeOf(h)).toBe(expected.length);
          }
          expect(buckets.keyCount).toBe(reference.size);
        }
      }),
      { numRuns: 400 },
    );
  });
});
