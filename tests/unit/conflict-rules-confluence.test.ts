/**
 * The conflict rules are confluent: whatever rows a laptop saw first and whatever it fixed in
 * between (and whichever laptop's fixes reach the server), the rows end in the state the
 * people's claims give, the state a laptop that sees every row at once reaches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmTaskAssignment } from '../../src/renderer/src/domain/records';
import type { Fix, Known } from '../../src/renderer/src/sync/conflict-rules';
import { fixAssignments } from '../../src/renderer/src/sync/conflict-rules';

type Role = CrmTaskAssignment['assignment_type'];
type Replica = Map<string, Known<CrmTaskAssignment>>;

const at = (ms: number, node = 'n1') => `${String(ms).padStart(15, '0')}-000000-${node}`;
const never = () => {
  throw new Error('every clock is known here');
};

/** A row as a person wrote it at `ms`: every field carries that clock. */
function wrote(id: string, member: string, type: Role, ms: number, deleted: 0 | 1 = 0) {
  const clock = at(ms, `node${ms}`);
  const row: CrmTaskAssignment = {
    id,
    task_id: 'task',
    member_id: member,
    assignment_type: type,
    created_at: '',
    updated_at: '',
    deleted,
  };
  const clocks = Object.fromEntries(
    ['task_id', 'member_id', 'assignment_type', 'deleted', 'updated_at'].map((f) => [f, clock]),
  );
  return { row, clocks };
}

function applyFixes(replica: Replica, fixes: readonly Fix<CrmTaskAssignment>[]): void {
  for (const fix of fixes) {
    const before = replica.get(fix.row.id)!;
    const clocks = { ...before.clocks };
    for (const field of Object.keys(fix.changes)) clocks[field] = fix.hlc;
    replica.set(fix.row.id, { row: fix.row, clocks });
  }
}

/** What a laptop does with what it holds: a page takes only; a whole pull also gives back. */
function resolve(replica: Replica, whole: boolean): void {
  for (let round = 0; round < 6; round += 1) {
    const fixes = fixAssignments([...replica.values()], never).filter(
      (fix) => whole || !fix.restores,
    );
    if (fixes.length === 0) return;
    applyFixes(replica, fixes);
  }
  throw new Error('the rules did not settle');
}

/** Field by field, the later clock wins (the server's merge). */
function merge(into: Replica, from: Replica): void {
  for (const [id, theirs] of from) {
    const ours = into.get(id);
    if (!ours) {
      into.set(id, theirs);
      continue;
    }
    const row = { ...ours.row } as Record<string, unknown>;
    const clocks = { ...ours.clocks };
    for (const [field, clock] of Object.entries(theirs.clocks))
      if (!clocks[field] || clock > clocks[field]!) {
        clocks[field] = clock;
        row[field] = (theirs.row as unknown as Record<string, unknown>)[field];
      }
    into.set(id, { row: row as unknown as CrmTaskAssignment, clocks });
  }
}

/** What people see: which rows are live, and their roles (a tombstone's role shows nowhere). */
const shape = (replica: Replica) =>
  Object.fromEntries(
    [...replica.values()]
      .sort((a, b) => (a.row.id < b.row.id ? -1 : 1))
      .map(({ row }) => [row.id, row.deleted ? 'gone' : `live ${row.assignment_type}`]),
  );

/** The state a laptop that sees every row at once reaches. */
function allAtOnce(rows: readonly Known<CrmTaskAssignment>[]): Replica {
  const replica: Replica = new Map(rows.map((row) => [row.row.id, row]));
  resolve(replica, true);
  return replica;
}

describe('conflict rules, confluence', () => {
  // Member M holds A (owner); member N's later ownership C demotes it; M's collaborator row B,
  // made where neither was seen, is later still (so it outranks A once A reads as a collaborator).
  const A = wrote('a', 'm', 'owner', 1000);
  const C = wrote('c', 'n', 'owner', 2000);
  const B = wrote('b', 'm', 'collaborator', 3000);

  it('a demotion made before the second row arrived ends as if every row came at once', () => {
    const expected = { a: 'live collaborator', b: 'gone', c: 'live owner' };
    expect(shape(allAtOnce([A, B, C]))).toEqual(expected);

    // This laptop saw A and C first, demoted A, then B arrived.
    const early: Replica = new Map([A, C].map((row) => [row.row.id, row]));
    resolve(early, false);
    expect(shape(early)).toEqual({ a: 'live collaborator', c: 'live owner' });
    early.set('b', B);
    resolve(early, false);
    expect(shape(early)).toEqual(expected);

    // Both laptops' fixes reach the server: M keeps a role (it lost both rows before).
    const server: Replica = new Map();
    merge(server, allAtOnce([A, B, C]));
    merge(server, early);
    resolve(server, true);
    expect(shape(server)).toEqual(expected);
  });

  it('a row a partial view dropped comes back once the whole view keeps it', () => {
    // This laptop saw B and an older watcher row W of M: B is later, W goes.
    const W = wrote('w', 'm', 'watcher', 500);
    const partial: Replica = new Map([B, W].map((row) => [row.row.id, row]));
    resolve(partial, true);
    expect(shape(partial)).toEqual({ b: 'live collaborator', w: 'gone' });
    // Meanwhile M's owner row A (owner rows stay first) and C arrive elsewhere.
    const server: Replica = new Map();
    merge(server, partial);
    merge(server, new Map([A, C].map((row) => [row.row.id, row])));
    resolve(server, true);
    expect(shape(server)).toEqual(shape(allAtOnce([A, B, C, W])));
    expect(shape(server).a).toBe('live collaborator');
  });

  it('a row a rule dropped stays dropped when the person removes the one that was kept', () => {
    const server = allAtOnce([A, B, C]);
    // Later, someone removes M from the task (A, the row M kept).
    server.set('a', wrote('a', 'm', 'owner', 4000, 1));
    resolve(server, true);
    expect(shape(server)).toEqual({ a: 'gone', b: 'gone', c: 'live owner' });
  });

  it('any arrival order and any split between laptops ends in the all-at-once state', () => {
    const rowArb = fc.record({
      member: fc.constantFrom('m', 'n', 'o'),
      type: fc.constantFrom<Role>('owner', 'collaborator', 'watcher'),
      deleted: fc.constantFrom<0 | 1>(0, 0, 0, 1),
    });
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 2, maxLength: 6 }),
        fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        (specs, views) => {
          const rows = specs.map((spec, index) =>
            wrote(`r${index}`, spec.member, spec.type, 1000 * (index + 1), spec.deleted),
          );
          const server: Replica = new Map();
          // Each laptop sees some rows, in pages of one, fixing as it goes, then settles.
          for (const view of views) {
            const laptop: Replica = new Map();
            for (const pick of view) {
              const row = rows[pick % rows.length]!;
              if (!laptop.has(row.row.id)) laptop.set(row.row.id, row);
              resolve(laptop, false);
            }
            resolve(laptop, true);
            merge(server, laptop);
          }
          for (const row of rows) merge(server, new Map([[row.row.id, row]]));
          resolve(server, true);
          expect(shape(server)).toEqual(shape(allAtOnce(rows)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
