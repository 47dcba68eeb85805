import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  CrmTaskAssignment,
  CustomerEmail,
  CustomerRelationship,
} from '../../src/renderer/src/domain/records';
import {
  clockAfter,
  isFixClock,
  fixAssignments,
  fixEmails,
  fixLinks,
} from '../../src/renderer/src/sync/conflict-rules';

const at = (ms: number, node = 'n1', counter = 0) =>
  `${String(ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;
const never = () => {
  throw new Error('every clock is known here');
};
/** Clocks of a row a person wrote at `clock` (every tracked field). */
const wrote = (clock: string) => ({ updated_at: clock, deleted: clock, assignment_type: clock });
const base = { created_at: '', updated_at: '', deleted: 0 as const };

function role(id: string, member: string, type: CrmTaskAssignment['assignment_type']) {
  return { ...base, id, task_id: 'task', member_id: member, assignment_type: type };
}
function link(id: string, from: string, to: string, type = 'manages'): CustomerRelationship {
  return { ...base, id, from_customer_id: from, to_customer_id: to, type, note: '' };
}
function email(id: string, customer: string, address = 'same@example.com'): CustomerEmail {
  return {
    ...base,
    id,
    customer_id: customer,
    address,
    address_normalized: address,
    label: '',
    source: 'manual',
    is_primary: 1,
  };
}

describe('conflict rules', () => {
  it('two owners: the later assignment stays owner, the other becomes a collaborator', () => {
    const fixes = fixAssignments(
      [
        { row: role('b', 'ben', 'owner'), clocks: wrote(at(2000)) },
        { row: role('a', 'ana', 'owner'), clocks: wrote(at(1000)) },
      ],
      never,
    );
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatchObject({
      rule: 'later-owner-wins',
      row: { id: 'a', assignment_type: 'collaborator' },
      changes: { assignment_type: 'collaborator' },
      kept: { id: 'b' },
      hlc: expect.stringMatching(new RegExp(`^${at(2000)}_r[0-9a-z]{7}$`)),
    });
  });

  it('equal claims are decided by id, whatever order the rows come in', () => {
    const rows = [
      { row: role('a', 'ana', 'owner'), clocks: wrote(at(1000)) },
      { row: role('b', 'ben', 'owner'), clocks: wrote(at(1000)) },
    ];
    const one = fixAssignments(rows, never);
    const other = fixAssignments([...rows].reverse(), never);
    expect(one).toEqual(other);
    expect(one[0]?.kept.id).toBe('b');
  });

  it('one member twice on a task: the owner row stays, else the later one', () => {
    const owner = fixAssignments(
      [
        { row: role('a', 'ana', 'owner'), clocks: wrote(at(1000)) },
        { row: role('b', 'ana', 'watcher'), clocks: wrote(at(2000)) },
      ],
      never,
    );
    expect(owner.map((fix) => [fix.rule, fix.row.id, fix.row.deleted])).toEqual([
      ['one-role-per-member', 'b', 1],
    ]);
    const later = fixAssignments(
      [
        { row: role('a', 'ana', 'watcher'), clocks: wrote(at(3000)) },
        { row: role('b', 'ana', 'collaborator'), clocks: wrote(at(2000)) },
      ],
      never,
    );
    expect(later.map((fix) => fix.row.id)).toEqual(['b']);
  });

  it('tombstoned rows and single rows are no conflict', () => {
    expect(
      fixAssignments(
        [
          { row: { ...role('a', 'ana', 'owner'), deleted: 1 }, clocks: wrote(at(1)) },
          { row: role('b', 'ben', 'owner'), clocks: wrote(at(2)) },
        ],
        never,
      ),
    ).toEqual([]);
  });

  it('the same link twice, in either reading of a symmetric type: the first made stays', () => {
    const fixes = fixLinks(
      [
        { row: link('02', 'x', 'y', 'works_with'), clocks: wrote(at(1000)) },
        { row: link('01', 'y', 'x', 'works_with'), clocks: wrote(at(2000)) },
        { row: link('03', 'x', 'y', 'manages'), clocks: wrote(at(2000)) },
      ],
      never,
    );
    expect(fixes.map((fix) => [fix.rule, fix.row.id, fix.row.deleted, fix.kept.id])).toEqual([
      ['duplicate-link', '02', 1, '01'],
    ]);
  });

  it('one address on two live customers: the later claim keeps it, the earlier loses it', () => {
    const rows = [
      { row: email('e1', 'early'), clocks: wrote(at(1000)) },
      { row: email('e2', 'late'), clocks: wrote(at(5000)) },
      { row: email('e3', 'late', 'other@example.com'), clocks: wrote(at(9000)) },
    ];
    const fixes = fixEmails(rows, () => true, never);
    expect(fixes.map((fix) => [fix.rule, fix.row.id, fix.row.deleted, fix.kept.id])).toEqual([
      ['later-email-claim', 'e1', 1, 'e2'],
    ]);
    // A deleted customer claims nothing; one customer with the address twice is no conflict.
    expect(fixEmails(rows, (id) => id !== 'late', never)).toEqual([]);
    expect(
      fixEmails(
        [
          { row: email('e1', 'same'), clocks: wrote(at(1)) },
          { row: email('e2', 'same'), clocks: wrote(at(2)) },
        ],
        () => true,
        never,
      ),
    ).toEqual([]);
  });

  it('a fix decides nothing: its clock reads as what the person wrote (live, owner)', () => {
    const fix = `${at(3000)}_rabcdefg`;
    expect(isFixClock(fix)).toBe(true);
    expect(isFixClock(`${at(3000)}_r`)).toBe(true);
    expect(isFixClock(at(3000, 'remote'))).toBe(false);
    expect(isFixClock(at(3000, '0190c0ffee'))).toBe(false);
    // An email row a fix tombstoned comes back when the later claim is removed by its person.
    const early = {
      row: { ...email('e1', 'early'), deleted: 1 as const },
      clocks: { ...wrote(at(1000)), deleted: fix },
    };
    const gone = { row: { ...email('e2', 'late'), deleted: 1 as const }, clocks: wrote(at(4000)) };
    expect(
      fixEmails([early, gone], () => true, never).map((f) => [f.rule, f.row.id, f.row.deleted]),
    ).toEqual([['restored', 'e1', 0]]);
  });

  it('a link a rule dropped stays dropped when its person removes the kept one, later', () => {
    const dropped = {
      row: { ...link('02', 'x', 'y'), deleted: 1 as const },
      clocks: { ...wrote(at(2000)), deleted: `${at(2000)}_rabcdefg` },
    };
    const removedLater = {
      row: { ...link('01', 'x', 'y'), deleted: 1 as const },
      clocks: wrote(at(5000)),
    };
    expect(fixLinks([dropped, removedLater], never)).toEqual([]);
    // A removal made before the dropped link's claim (offline, unseen) does not supersede it.
    const removedBefore = {
      row: { ...link('01', 'x', 'y'), deleted: 1 as const },
      clocks: wrote(at(1500)),
    };
    expect(
      fixLinks([dropped, removedBefore], never).map((f) => [f.rule, f.row.id, f.row.deleted]),
    ).toEqual([['restored', '02', 0]]);
  });

  it('a fix is stamped after every claim and before any change made after seeing them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ms: fc.integer({ min: 0, max: 10 ** 13 }),
            counter: fc.integer({ min: 0, max: 999_998 }),
            node: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.stringMatching(/^[A-Za-z0-9]{1,32}$/),
        (clocks, laterNode) => {
          const claims = clocks.map((c) => at(c.ms, c.node, c.counter));
          const fix = clockAfter(claims) as string;
          expect(fix).toMatch(/^\d{15}-\d{6}-[A-Za-z0-9_-]{1,64}$/);
          for (const claim of claims) expect(fix > claim).toBe(true);
          const latest = [...claims].sort().at(-1) as string;
          const [ms, counter] = latest.split('-').map(Number) as [number, number];
          // What a laptop that observed the latest claim stamps next.
          if (fix.split('-')[1] === latest.split('-')[1])
            expect(at(ms, laterNode, counter + 1) > fix).toBe(true);
        },
      ),
    );
    expect(clockAfter([''])).toBeNull();
  });
});
