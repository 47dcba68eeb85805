// The merge as a model: random customers with children, random merges of 2 to 4 of them
// applied to an in-memory store, then undone in reverse: the store equals the original
// exactly. After each merge nothing is lost (unless an exact duplicate of what the survivor
// keeps), no self-link or duplicate link exists, and every row written would pass the data
// layer's guard at the moment it is written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planMerge } from '../../src/renderer/src/domain/duplicates/merge-plan';
import type {
  MergeChoices,
  MergeUndo,
  RowChange,
} from '../../src/renderer/src/domain/duplicates/merge-types';
import { undoConflicts, undoWrites } from '../../src/renderer/src/domain/duplicates/merge-undo';
import type { DealParticipant } from '../../src/renderer/src/domain/records';
import {
  canonicalLink,
  isRelationshipType,
  linkKey,
  linkProblem,
} from '../../src/renderer/src/domain/relationships/catalogue';
import type { Store } from './duplicates-records';
import {
  applyChanges,
  applyUndo,
  assignment,
  bundleOf,
  cloneStore,
  email,
  emptyStore,
  participant,
  phone,
  profile,
  relationship,
  task,
  touchpoint,
} from './duplicates-records';

const IDS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const OUTSIDERS = ['x1', 'x2'];
const time = fc.constantFrom(
  '2025-01-01T00:00:00.000Z',
  '2026-03-01T00:00:00.000Z',
  '2026-06-01T00:00:00.000Z',
);
const flag = fc.constantFrom<0 | 1>(0, 1);
const sometimesDeleted = fc.constantFrom<0 | 1>(0, 0, 0, 1);
const consent = fc.record({
  opted_in: fc.boolean(),
  source: fc.constantFrom(null, 'manual', 'import: fans.csv'),
  changed_at: fc.option(time, { nil: null }),
});

const customerArb = fc.record({
  first_name: fc.constantFrom('', 'Ana', 'Zoë', 'ana'),
  last_name: fc.constantFrom('', 'Andersson', "O'Brien"),
  date_of_birth: fc.constantFrom(null, '1990-04-01'),
  notes: fc.constantFrom('', 'Prefers WhatsApp', 'Met at the spring show'),
  tags: fc.subarray(['vip', 'VIP', 'jazz', 'press']),
  lifecycle: fc.constantFrom('lead' as const, 'customer' as const),
  owner_id: fc.constantFrom(null, 'm1', 'm2'),
  email_consent: consent,
  sms_consent: consent,
  updated_at: time,
  deleted: fc.constantFrom<0 | 1>(0, 0, 0, 0, 1),
  emails: fc.array(fc.record({ primary: flag, deleted: sometimesDeleted, created_at: time }), {
    maxLength: 3,
  }),
  phones: fc.array(
    fc.record({
      e164: fc.constantFrom('+46700000001', '+46700000002', '+46700000003'),
      primary: flag,
      deleted: sometimesDeleted,
    }),
    { maxLength: 3 },
  ),
  touchpoints: fc.array(sometimesDeleted, { maxLength: 3 }),
  tasks: fc.array(
    fc.record({ deleted: sometimesDeleted, members: fc.subarray(['m1', 'm2', 'm3']) }),
    { maxLength: 2 },
  ),
  participants: fc.array(
    fc.record({
      deal: fc.constantFrom('d1', 'd2'),
      role: fc.constantFrom<DealParticipant['role']>('artist', 'agent'),
      deleted: sometimesDeleted,
    }),
    { maxLength: 3 },
  ),
});

const linkArb = fc.record({
  from: fc.constantFrom(...IDS, ...OUTSIDERS),
  to: fc.constantFrom(...IDS, ...OUTSIDERS),
  type: fc.constantFrom('manages', 'works_with', 'referred'),
  deleted: sometimesDeleted,
});

type Spec<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** A store the data layer would accept: unique live addresses, valid canonical links. */
function buildStore(customers: Spec<typeof customerArb>[], links: Spec<typeof linkArb>[]): Store {
  const store = emptyStore();
  let n = 0;
  customers.forEach((spec, i) => {
    const id = IDS[i] as string;
    const { emails, phones, touchpoints, tasks, participants, ...fields } = spec;
    store.customer_profiles.set(id, profile(id, fields));
    for (const e of emails) {
      const row = email(`e${(n += 1)}`, id, `person${n}@Example.com`, {
        is_primary: e.primary,
        deleted: e.deleted,
        created_at: e.created_at,
      });
      store.customer_emails.set(row.id, row);
    }
    for (const p of phones) {
      const row = phone(`p${(n += 1)}`, id, p.e164, { is_primary: p.primary, deleted: p.deleted });
      store.customer_phones.set(row.id, row);
    }
    for (const deleted of touchpoints) {
      const row = touchpoint(`t${(n += 1)}`, id, { deleted });
      store.customer_engagement_metrics.set(row.id, row);
    }
    for (const t of tasks) {
      const row = task(`k${(n += 1)}`, id, { deleted: t.deleted });
      store.crm_tasks.set(row.id, row);
      for (const member of t.members) {
        const a = assignment(`a${(n += 1)}`, row.id, member);
        store.crm_task_assignments.set(a.id, a);
      }
    }
    for (const p of participants) {
      const row = participant(`d${(n += 1)}`, id, p.deal, p.role, { deleted: p.deleted });
      store.deal_participants.set(row.id, row);
    }
  });
  const known = new Set([...store.customer_profiles.keys(), ...OUTSIDERS]);
  for (const link of links) {
    if (!known.has(link.from) || !known.has(link.to) || !isRelationshipType(link.type)) continue;
    const c = canonicalLink(link.from, { type: link.type, direction: 'forward' }, link.to);
    const row = relationship(`r${(n += 1)}`, c.from, c.to, c.type, { deleted: link.deleted });
    if (linkProblem(row, [...store.customer_relationships.values()]) === null)
      store.customer_relationships.set(row.id, row);
  }
  return store;
}

/** The data layer's guard, as each row of the merge is written in order. */
function expectGuardAccepts(store: Store, changes: readonly RowChange[]): void {
  const running = cloneStore(store);
  for (const change of changes) {
    if (change.table === 'customer_relationships') {
      const others = [...running.customer_relationships.values()];
      const problem = linkProblem(change.after, others);
      expect(problem, `relationship ${change.after.id}`).toBeNull();
    }
    if (change.table === 'customer_emails' && change.after.deleted === 0) {
      const row = change.after;
      const taken = [...running.customer_emails.values()].some(
        (other) =>
          other.id !== row.id &&
          other.deleted === 0 &&
          other.address_normalized === row.address_normalized &&
          other.customer_id !== row.customer_id &&
          running.customer_profiles.get(other.customer_id)?.deleted === 0,
      );
      expect(taken, `email ${row.address}`).toBe(false);
    }
    applyChanges(running, [change]);
  }
}

const live = <T extends { deleted: 0 | 1 }>(rows: Map<string, T>) =>
  [...rows.values()].filter((row) => row.deleted === 0);

function expectNothingLost(before: Store, after: Store, merged: string[], survivor: string): void {
  const inMerge = (id: string | null) => id !== null && merged.includes(id);
  const sameValues = <T extends { deleted: 0 | 1; customer_id: string | null }>(
    table: (s: Store) => Map<string, T>,
    keyOf: (row: T) => string,
  ) => {
    const was = live(table(before)).filter((row) => inMerge(row.customer_id));
    const now = live(table(after)).filter((row) => row.customer_id === survivor);
    expect(new Set(now.map(keyOf))).toEqual(new Set(was.map(keyOf)));
    // United: a value the others brought is not there twice (the survivor's own rows stay).
    const own = was.filter((row) => row.customer_id === survivor).map(keyOf);
    for (const value of new Set(now.map(keyOf))) {
      const count = now.filter((row) => keyOf(row) === value).length;
      expect(count).toBe(Math.max(1, own.filter((x) => x === value).length));
    }
  };
  sameValues(
    (s) => s.customer_emails,
    (row) => row.address_normalized,
  );
  sameValues(
    (s) => s.customer_phones,
    (row) => row.e164,
  );
  sameValues(
    (s) => s.deal_participants,
    (row) => `${row.deal_id}/${row.role}`,
  );
  // Touchpoints and tasks are never duplicates of each other: every live row moves, by id.
  sameValues(
    (s) => s.customer_engagement_metrics,
    (row) => row.id,
  );
  sameValues(
    (s) => s.crm_tasks,
    (row) => row.id,
  );
  expect(after.crm_task_assignments).toEqual(before.crm_task_assignments);
  for (const rows of [after.customer_emails, after.customer_phones]) {
    const mine = live(
      rows as Map<string, { deleted: 0 | 1; customer_id: string; is_primary: 0 | 1 }>,
    ).filter((row) => row.customer_id === survivor);
    if (mine.length > 0) expect(mine.filter((row) => row.is_primary === 1)).toHaveLength(1);
  }
  for (const id of merged.filter((x) => x !== survivor))
    expect(after.customer_profiles.get(id)).toMatchObject({ deleted: 1, merged_into: survivor });
  // Links: none to itself, none twice, and each live link of the merged customers survives
  // with its ends moved, unless it joined two of them.
  const links = live(after.customer_relationships);
  expect(links.filter((row) => row.from_customer_id === row.to_customer_id)).toEqual([]);
  // Symmetric links stay stored smaller id first, as the catalogue stores them.
  const symmetric = links.filter((row) => row.type === 'works_with');
  expect(symmetric.filter((row) => row.from_customer_id > row.to_customer_id)).toEqual([]);
  const key = (from: string, to: string, type: string) =>
    isRelationshipType(type) ? linkKey({ from, to, type }) : `${type}:${from}:${to}`;
  const keys = links.map((row) => key(row.from_customer_id, row.to_customer_id, row.type));
  expect(new Set(keys).size).toBe(keys.length);
  const moveEnd = (id: string) => (inMerge(id) ? survivor : id);
  for (const row of live(before.customer_relationships)) {
    const [from, to] = [moveEnd(row.from_customer_id), moveEnd(row.to_customer_id)];
    if (from !== to) expect(keys).toContain(key(from, to, row.type));
  }
}

describe('merge, as a model', () => {
  it('loses nothing, passes the guard, and undoes to the exact original store', () => {
    const mergeArb = fc.record({
      picks: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
      fieldPicks: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 5, maxLength: 5 }),
      primaryEmail: fc.option(fc.nat(), { nil: undefined }),
      primaryPhone: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(customerArb, { minLength: 2, maxLength: IDS.length }),
        fc.array(linkArb, { maxLength: 10 }),
        fc.array(mergeArb, { minLength: 1, maxLength: 3 }),
        (customers, links, merges) => {
          const store = buildStore(customers, links);
          const original = cloneStore(store);
          const undos: MergeUndo[] = [];
          merges.forEach((merge, step) => {
            const liveIds = [...store.customer_profiles.values()]
              .filter((p) => p.deleted === 0)
              .map((p) => p.id);
            const ids = [
              ...new Set(merge.picks.map((k) => liveIds[k % Math.max(liveIds.length, 1)])),
            ].filter((id): id is string => id !== undefined);
            if (ids.length < 2) return;
            const bundles = ids.map((id) => bundleOf(store, id));
            const pickFrom = <T>(items: T[], k: number | undefined) =>
              k === undefined || items.length === 0 ? undefined : items[k % items.length];
            const fields = [
              'first_name',
              'last_name',
              'date_of_birth',
              'lifecycle',
              'owner_id',
            ] as const;
            const choices: MergeChoices = {
              fields: Object.fromEntries(
                fields.map((f, i) => [f, pickFrom(ids, merge.fieldPicks[i])]),
              ),
              primaryEmailId: pickFrom(
                bundles
                  .flatMap((b) => live(new Map(b.emails.map((e) => [e.id, e]))))
                  .map((e) => e.id),
                merge.primaryEmail,
              ),
              primaryPhoneId: pickFrom(
                bundles
                  .flatMap((b) => live(new Map(b.phones.map((p) => [p.id, p]))))
                  .map((p) => p.id),
                merge.primaryPhone,
              ),
            };
            const result = planMerge(
              { survivor: bundles[0] as never, others: bundles.slice(1) },
              choices,
              `2026-12-06T10:00:0${step}.000Z`,
            );
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const before = cloneStore(store);
            expectGuardAccepts(store, result.plan.changes);
            applyChanges(store, result.plan.changes);
            expectNothingLost(before, store, ids, ids[0] as string);
            undos.push(result.plan.undo);
          });
          for (const undo of undos.reverse()) {
            expect(undoConflicts(undo, (table, id) => store[table].get(id))).toEqual([]);
            applyUndo(store, undoWrites(undo));
          }
          expect(store).toEqual(original);
        },
      ),
      { numRuns: 400 },
    );
  });
});
