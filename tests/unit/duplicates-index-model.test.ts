// The index against a brute-force reference: after any sequence of adds, edits, removals and
// dismissals, its pairs are exactly those of every-customer-against-every-customer, its
// deltas add up to its pairs, and it equals an index rebuilt from the final docs. Small key
// limits and colliding hashes put the rare paths (crossings, collisions) in every run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DuplicateCandidateDoc } from '../../src/renderer/src/domain/duplicates/candidate-doc';
import { normalizeCandidateDoc } from '../../src/renderer/src/domain/duplicates/candidate-doc';
import {
  confidenceOf,
  reasonBits,
  scoreOfBits,
} from '../../src/renderer/src/domain/duplicates/confidence';
import { DuplicateIndex } from '../../src/renderer/src/domain/duplicates/duplicate-index';
import { bestFirst } from '../../src/renderer/src/domain/duplicates/index-state';
import { blockingKeys, hashKey, keyKind } from '../../src/renderer/src/domain/duplicates/keys';
import type { DuplicatePair } from '../../src/renderer/src/domain/duplicates/pair-delta';
import { pairId } from '../../src/renderer/src/domain/duplicates/pair-delta';
import { pairReasons } from '../../src/renderer/src/domain/duplicates/reasons';
import { DUPLICATE_RULES } from '../../src/renderer/src/domain/duplicates/rules';
import { person } from './duplicates-helpers';

const IDS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const PHONES = ['+46700000001', '+46700000002', '+46700000003', '+46700000004'];
const EMAILS = ['ana', 'ana.andersson', 'zoe', 'info'].flatMap((local) =>
  ['gmail.com', 'agency.se', 'web.de'].map((domain) => `${local}@${domain}`),
);

const docArb = fc.record({
  id: fc.constantFrom(...IDS),
  first: fc.constantFrom('Ana', 'ANA', 'Anna', 'A.', 'Zoë', 'Zoe', 'Erik', '', 'Ana Andersson'),
  last: fc.constantFrom('Andersson', 'Anderson', "O'Brien", 'O Brien', '', 'Lund'),
  dob: fc.constantFrom(null, '1990-04-01', '1990-04-02', '--04-01'),
  phones: fc.subarray(PHONES, { maxLength: 3 }),
  emails: fc.subarray(EMAILS, { maxLength: 2 }),
  deleted: fc.constantFrom<0 | 1>(0, 0, 0, 0, 1),
});

type Op =
  | { kind: 'put'; doc: DuplicateCandidateDoc }
  | { kind: 'remove'; id: string }
  | { kind: 'dismiss' | 'undismiss'; x: string; y: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: docArb.map((d) => ({ kind: 'put' as const, doc: person(d.id, d) })) },
  { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id) => ({ kind: 'remove' as const, id })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom<'dismiss' | 'undismiss'>('dismiss', 'undismiss'),
      x: fc.constantFrom(...IDS),
      y: fc.constantFrom(...IDS),
    }),
  },
);

const HASHES: Record<string, (key: string) => number> = {
  real: hashKey,
  'all collide': () => 7,
  'by length': (key) => key.length % 4,
};

/** Every pair of live customers, judged from scratch (the definition in rules.ts). */
function referencePairs(
  docs: Map<string, DuplicateCandidateDoc>,
  maxShare: number,
  dismissed: Set<string>,
): DuplicatePair[] {
  const live = [...docs.values()].map(normalizeCandidateDoc);
  const keys = new Map(live.map((doc) => [doc.id, blockingKeys(doc)]));
  const counts = new Map<string, number>();
  for (const list of keys.values())
    for (const key of list) counts.set(key, (counts.get(key) ?? 0) + 1);
  const common = (key: string) => (counts.get(key) ?? 0) > maxShare;
  const pairs: DuplicatePair[] = [];
  for (const x of live)
    for (const y of live) {
      if (!(x.id < y.id) || dismissed.has(pairId(x.id, y.id))) continue;
      const reasons = pairReasons(x, y, (phone) => common(`p${phone}`));
      const shared = (keys.get(x.id) ?? []).filter((key) => keys.get(y.id)?.includes(key));
      const paired = shared.some(
        (key) => !common(key) && DUPLICATE_RULES[keyKind(key)].fires(reasons),
      );
      if (paired)
        pairs.push({
          a: x.id,
          b: y.id,
          confidence: confidenceOf(reasons),
          score: scoreOfBits(reasonBits(reasons)),
          reasons,
        });
    }
  return pairs.sort(bestFirst);
}

describe('DuplicateIndex, as a model', () => {
  it('equals the brute-force reference after every change, and its deltas add up', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.constantFrom(1, 2, 3, 5),
        fc.constantFrom(...Object.keys(HASHES)),
        (ops, maxKeyShare, hashName) => {
          const index = new DuplicateIndex({ maxKeyShare, hash: HASHES[hashName] });
          const docs = new Map<string, DuplicateCandidateDoc>();
          const dismissed = new Set<string>();
          const listed = new Map<string, DuplicatePair>();
          for (const op of ops) {
            let delta;
            if (op.kind === 'put') {
              delta = index.update(op.doc);
              if (op.doc.deleted === 1) docs.delete(op.doc.id);
              else docs.set(op.doc.id, op.doc);
            } else if (op.kind === 'remove') {
              delta = index.remove(op.id);
              docs.delete(op.id);
            } else {
              delta = index[op.kind](op.x, op.y);
              if (op.x !== op.y) {
                if (op.kind === 'dismiss') dismissed.add(pairId(op.x, op.y));
                else dismissed.delete(pairId(op.x, op.y));
              }
            }
            for (const gone of delta.disappeared) {
              expect(listed.has(pairId(gone.a, gone.b))).toBe(true);
              listed.delete(pairId(gone.a, gone.b));
            }
            for (const pair of delta.appeared) {
              expect(listed.has(pairId(pair.a, pair.b))).toBe(false);
              listed.set(pairId(pair.a, pair.b), pair);
            }
            for (const pair of delta.changed) {
              expect(listed.get(pairId(pair.a, pair.b))).not.toEqual(pair);
              listed.set(pairId(pair.a, pair.b), pair);
            }
            const reference = referencePairs(docs, maxKeyShare, dismissed);
            expect(index.pairs()).toEqual(reference);
            expect([...listed.values()].sort(bestFirst)).toEqual(reference);
          }
          const rebuilt = DuplicateIndex.build(docs.values(), {
            maxKeyShare,
            hash: HASHES[hashName],
            dismissed: [...dismissed].map((id) => id.split('\u0000') as [string, string]),
          });
          expect(rebuilt.pairs()).toEqual(index.pairs());
          expect(rebuilt.stats()).toEqual(index.stats());
          for (const id of IDS) expect(index.pairsFor(id)).toEqual(rebuilt.pairsFor(id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('probes as if the doc were added, without changing anything', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 12 }),
        docArb,
        fc.constantFrom(1, 2, 5),
        (docs, probe, maxKeyShare) => {
          const index = DuplicateIndex.build(
            docs.map((d) => person(d.id, d)),
            { maxKeyShare },
          );
          const before = index.pairs();
          const doc = person('probe', { ...probe, deleted: 0 });
          const matches = index.probe(doc);
          expect(index.pairs()).toEqual(before);
          index.add(doc);
          const expected = index
            .pairsFor('probe')
            .map(({ a, b, ...rest }) => ({ id: a === 'probe' ? b : a, ...rest }));
          expect(matches).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
