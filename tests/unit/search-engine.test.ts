import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SearchIndex,
  createSearchIndexBuilder,
} from '../../src/renderer/src/domain/search/search-index';
import type { SearchDoc } from '../../src/renderer/src/domain/search/search-types';
import { IDS, customers, searchDoc } from './search-arbitraries';
import { queryShape, resolveQuery } from './search-query-arbitraries';
import type { QueryShape } from './search-query-arbitraries';
import { ReferenceStore, referenceMatches, referenceQuery } from './search-reference';

type Op =
  | { kind: 'upsert'; docs: SearchDoc[] }
  | { kind: 'remove'; picks: number[] }
  | { kind: 'compact' }
  | { kind: 'snapshot' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('upsert' as const),
      docs: fc.array(searchDoc, { maxLength: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      picks: fc.array(fc.nat(IDS.length - 1), { maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }) },
);

function expectSameAnswer(index: SearchIndex, store: ReferenceStore, shape: QueryShape): void {
  const docs = [...store.docs.values()];
  const { query, window } = resolveQuery(shape, docs);
  const expected = referenceQuery(docs, query, window);
  expect(index.query(query, window), JSON.stringify(query)).toEqual(expected);
}

function build(initial: SearchDoc[], chunkSize: number, compactMinimum: number) {
  const builder = createSearchIndexBuilder({ chunkSize, compactMinimum, compactShare: 0.5 });
  // Batches of varied sizes, as a worker reading the database would send them.
  for (let i = 0; i < initial.length; i += 3) builder.add(initial.slice(i, i + 3));
  return builder.finish();
}

describe('search engine against the reference matcher', () => {
  // 180 s: PURE_PROPERTY_BUDGET_MS (budgets.ts), a slow machine is not a failure.
  it('answers every query like the reference, through upserts, removals, compactions and snapshots', () => {
    fc.assert(
      fc.property(
        // Distinct customers, then a few more versions of some (the builder keeps the last).
        fc
          .tuple(customers(0, 30), fc.array(searchDoc, { maxLength: 5 }))
          .map(([a, b]) => [...a, ...b]),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(op, fc.array(queryShape, { minLength: 1, maxLength: 3 })), {
          maxLength: 6,
        }),
        (initial, chunkSize, compactMinimum, steps) => {
          let index = build(initial, chunkSize, compactMinimum);
          const store = new ReferenceStore();
          store.upsert(initial);
          for (const [step, queries] of steps) {
            if (step.kind === 'upsert') {
              index.upsert(step.docs);
              store.upsert(step.docs);
            }
            if (step.kind === 'remove') {
              const ids = step.picks.map((pick) => IDS[pick]!);
              index.remove(ids);
              store.remove(ids);
            }
            if (step.kind === 'compact') index.compact();
            if (step.kind === 'snapshot')
              index = SearchIndex.fromSnapshot(index.toSnapshot(), { compactMinimum });
            expect(index.size).toBe(store.docs.size);
            for (const shape of queries) expectSameAnswer(index, store, shape);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 180_000);

  it('counts the live ids of a key range (the audit), through upserts, removals and compactions', () => {
    const bound = fc.option(fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 3 })));
    fc.assert(
      fc.property(
        customers(0, 30),
        fc.array(op, { maxLength: 5 }),
        fc.array(fc.tuple(bound, bound), { minLength: 1, maxLength: 4 }),
        (initial, steps, ranges) => {
          let index = build(initial, 4, 6);
          const store = new ReferenceStore();
          store.upsert(initial);
          for (const step of steps) {
            if (step.kind === 'upsert') {
              index.upsert(step.docs);
              store.upsert(step.docs);
            }
            if (step.kind === 'remove') {
              const ids = step.picks.map((pick) => IDS[pick]!);
              index.remove(ids);
              store.remove(ids);
            }
            if (step.kind === 'compact') index.compact();
            if (step.kind === 'snapshot') index = SearchIndex.fromSnapshot(index.toSnapshot());
          }
          for (const [after, through] of ranges) {
            const expected = [...store.docs.keys()].filter(
              (id) => (after === null || id > after) && (through === null || id <= through),
            ).length;
            expect(index.countIdsBetween(after, through), `${after}..${through}`).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exports every id in order, and lists the live tags', () => {
    fc.assert(
      fc.property(
        customers(0, 30),
        fc.array(fc.nat(IDS.length - 1), { maxLength: 6 }),
        queryShape,
        (docs, removed, shape) => {
          const index = build(docs, 4, 100);
          const store = new ReferenceStore();
          store.upsert(docs);
          const ids = removed.map((pick) => IDS[pick]!);
          index.remove(ids);
          store.remove(ids);
          const live = [...store.docs.values()];
          const { query } = resolveQuery(shape, live);
          const { exact, close } = referenceMatches(live, query);
          expect(index.allIds(query)).toEqual([...exact, ...close]);
          expect(index.tags()).toEqual([...new Set(live.flatMap((doc) => doc.tags))].sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('pages deep into a large result: every window is the same slice of one order', () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`,
      first_name: i % 3 === 0 ? 'Anna' : 'Annabelle',
      last_name: `Smith${i % 7}`,
      emails: [],
      phones: [],
      tags: [],
      notes: '',
      lifecycle: 'lead' as const,
      owner_id: '',
      email_opt_in: 0 as const,
      sms_opt_in: 0 as const,
      sort_name: `smith${i % 7} anna`,
      created_at: '',
      updated_at: '',
      last_touch_at: '',
    }));
    const index = build(docs, 500, 100);
    index.upsert([{ ...docs[5]!, first_name: 'Annette', sort_name: 'a' }]);
    const query = {
      search: 'ann',
      lifecycle: null,
      tag: null,
      optIn: null,
      ownerId: null,
      sort: 'name' as const,
      direction: 'desc' as const,
    };
    const whole = referenceMatches(
      docs.toSpliced(5, 1, { ...docs[5]!, first_name: 'Annette', sort_name: 'a' }),
      query,
    ).exact;
    for (const offset of [2900, 0, 1234, 2999, 3000, 50]) {
      expect(index.query(query, { offset, limit: 40 }).ids).toEqual(
        whole.slice(offset, offset + 40),
      );
    }
  });
});
