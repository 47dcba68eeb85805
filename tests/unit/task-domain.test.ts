import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmTask, CrmTaskAssignment, TaskStatus } from '../../src/renderer/src/domain/records';
import { ASSIGNMENT_TYPES } from '../../src/renderer/src/domain/records';
import { assignmentProblems } from '../../src/renderer/src/domain/tasks/assignments';
import { checkDueAt, completedAtFor } from '../../src/renderer/src/domain/tasks/task-draft';
import {
  groupTasks,
  localDay,
  taskGroup,
  TASK_GROUPS,
  TASK_STATUSES,
} from '../../src/renderer/src/domain/tasks/task-groups';
import { formatDue } from '../../src/renderer/src/domain/tasks/due-label';
import { formatDuePreview } from '../../src/renderer/src/domain/tasks/natural-due';
import {
  EMPTY_TASK_FILTER,
  matchesTaskFilter,
} from '../../src/renderer/src/domain/tasks/task-filter';
import { remindersToSend } from '../../src/renderer/src/services/crm/tasks/task-reminders';

function task(overrides: Partial<CrmTask> = {}): CrmTask {
  return {
    id: 't1',
    title: 'Call the venue',
    description: '',
    due_at: null,
    priority: 'normal',
    status: 'open',
    customer_id: null,
    deal_id: null,
    completed_at: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    deleted: 0,
    ...overrides,
  };
}

describe('taskGroup', () => {
  // 23:30 on 10 March in New York is 03:30 UTC on 11 March.
  const now = new Date('2026-03-11T03:30:00.000Z');

  it('uses the calendar day of the given time zone, not UTC', () => {
    const laterThatEvening = task({ due_at: '2026-03-11T03:45:00.000Z' });
    expect(taskGroup(laterThatEvening, now, 'America/New_York')).toBe('today');
    const nextMorningNy = task({ due_at: '2026-03-11T13:00:00.000Z' });
    expect(taskGroup(nextMorningNy, now, 'America/New_York')).toBe('upcoming');
    expect(taskGroup(nextMorningNy, now, 'UTC')).toBe('today');
  });

  it('puts a task past its due time in overdue, even earlier the same day', () => {
    expect(taskGroup(task({ due_at: '2026-03-11T03:00:00.000Z' }), now, 'UTC')).toBe('overdue');
    expect(taskGroup(task({ due_at: '2025-12-01T03:00:00.000Z' }), now, 'UTC')).toBe('overdue');
  });

  it('closed tasks are done whatever their date; undated open ones have no date', () => {
    expect(taskGroup(task({ status: 'done', due_at: '2020-01-01T00:00:00Z' }), now, 'UTC')).toBe(
      'done',
    );
    expect(taskGroup(task({ status: 'cancelled' }), now, 'UTC')).toBe('done');
    expect(taskGroup(task({ status: 'in-progress' }), now, 'UTC')).toBe('no-date');
  });

  it('localDay follows the zone', () => {
    expect(localDay(now, 'America/New_York')).toBe('2026-03-10');
    expect(localDay(now, 'Asia/Tokyo')).toBe('2026-03-11');
  });
});

const zones = fc.constantFrom(
  'UTC',
  'America/New_York',
  'Europe/Madrid',
  'Asia/Kolkata',
  'Pacific/Auckland',
);
const instant = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2027-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const taskArb = fc
  .record({
    id: fc.uuid(),
    due: fc.option(instant, { nil: null }),
    status: fc.constantFrom<TaskStatus>(...TASK_STATUSES),
    deleted: fc.constantFrom<0 | 1>(0, 0, 1),
  })
  .map(({ id, due, status, deleted }) =>
    task({ id, due_at: due?.toISOString() ?? null, status, deleted }),
  );

describe('groupTasks (properties)', () => {
  it('places every live task in exactly one group and drops deleted ones', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 30 }), instant, zones, (tasks, now, zone) => {
        const groups = groupTasks(tasks, now, zone);
        const placed = TASK_GROUPS.flatMap((group) => groups[group].map((t) => t.id)).sort();
        expect(placed).toEqual(
          tasks
            .filter((t) => t.deleted === 0)
            .map((t) => t.id)
            .sort(),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('overdue tasks are due before now, today/upcoming after; today shares the local day', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 30 }), instant, zones, (tasks, now, zone) => {
        const groups = groupTasks(tasks, now, zone);
        for (const t of groups.overdue)
          expect(new Date(t.due_at ?? '').getTime()).toBeLessThan(now.getTime());
        for (const t of [...groups.today, ...groups.upcoming])
          expect(new Date(t.due_at ?? '').getTime()).toBeGreaterThanOrEqual(now.getTime());
        for (const t of groups.today)
          expect(localDay(new Date(t.due_at ?? ''), zone)).toBe(localDay(now, zone));
        for (const t of groups.upcoming)
          expect(localDay(new Date(t.due_at ?? ''), zone) > localDay(now, zone)).toBe(true);
        for (const t of groups.done) expect(['done', 'cancelled']).toContain(t.status);
        for (const t of groups['no-date']) expect(t.due_at).toBeNull();
        // Dated groups are sorted by due time.
        for (const group of [groups.overdue, groups.today, groups.upcoming]) {
          const dues = group.map((t) => t.due_at ?? '');
          expect(dues).toEqual([...dues].sort());
        }
      }),
      { numRuns: 150 },
    );
  });
});

function assignment(overrides: Partial<CrmTaskAssignment>): CrmTaskAssignment {
  return {
    id: Math.random().toString(36),
    task_id: 't1',
    member_id: 'm1',
    assignment_type: 'owner',
    created_at: '',
    updated_at: '',
    deleted: 0,
    ...overrides,
  };
}

describe('assignmentProblems', () => {
  it('allows one owner and other roles', () => {
    expect(
      assignmentProblems([
        assignment({ member_id: 'a', assignment_type: 'owner' }),
        assignment({ member_id: 'b', assignment_type: 'reviewer' }),
        assignment({ member_id: 'c', assignment_type: 'watcher' }),
        assignment({ member_id: 'd', assignment_type: 'owner', deleted: 1 }),
      ]),
    ).toEqual([]);
  });

  it('refuses a second owner, an unknown type and a member twice', () => {
    expect(
      assignmentProblems([assignment({ member_id: 'a' }), assignment({ member_id: 'b' })]).map(
        (p) => p.kind,
      ),
    ).toEqual(['two-owners']);
    expect(
      assignmentProblems([assignment({ assignment_type: 'boss' as never })]).map((p) => p.kind),
    ).toEqual(['unknown-type']);
    expect(
      assignmentProblems([
        assignment({ member_id: 'a', assignment_type: 'reviewer' }),
        assignment({ member_id: 'a', assignment_type: 'watcher' }),
      ]).map((p) => p.kind),
    ).toEqual(['member-twice']);
  });

  it('property: no problem exactly when live owners <= 1, types known and members distinct', () => {
    const row = fc.record({
      member_id: fc.constantFrom('a', 'b', 'c', 'd'),
      assignment_type: fc.constantFrom(...ASSIGNMENT_TYPES, 'boss'),
      deleted: fc.constantFrom<0 | 1>(0, 1),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const live = rows.filter((r) => r.deleted === 0);
        const ok =
          live.every((r) => (ASSIGNMENT_TYPES as readonly string[]).includes(r.assignment_type)) &&
          live.filter((r) => r.assignment_type === 'owner').length <= 1 &&
          new Set(live.map((r) => r.member_id)).size === live.length;
        const problems = assignmentProblems(
          rows.map((r) => assignment(r as Partial<CrmTaskAssignment>)),
        );
        expect(problems.length === 0).toBe(ok);
      }),
      { numRuns: 300 },
    );
  });
});

describe('task drafts', () => {
  it('completedAtFor sets, keeps and clears completed_at', () => {
    const now = '2026-05-01T10:00:00.000Z';
    expect(completedAtFor('done', { status: 'open', completed_at: null }, now)).toBe(now);
    expect(completedAtFor('done', { status: 'done', completed_at: 'earlier' }, now)).toBe(
      'earlier',
    );
    expect(completedAtFor('open', { status: 'done', completed_at: 'earlier' }, now)).toBeNull();
    expect(completedAtFor('cancelled', { status: 'open', completed_at: null }, now)).toBeNull();
  });

  it('checkDueAt normalizes to ISO and refuses nonsense', () => {
    expect(checkDueAt('2026-05-01T10:00:00+02:00')).toEqual({
      ok: true,
      value: '2026-05-01T08:00:00.000Z',
    });
    expect(checkDueAt('')).toEqual({ ok: true, value: null });
    expect(checkDueAt('next blursday').ok).toBe(false);
  });
});

describe('remindersToSend', () => {
  const since = new Date('2026-05-01T09:00:00.000Z');
  const now = new Date('2026-05-01T10:00:00.000Z');
  it('announces open tasks that came due since the app started, once per due time', () => {
    const due = task({ id: 'due', due_at: '2026-05-01T09:30:00.000Z' });
    const before = task({ id: 'before', due_at: '2026-05-01T08:00:00.000Z' });
    const later = task({ id: 'later', due_at: '2026-05-01T11:00:00.000Z' });
    const done = task({ id: 'done', due_at: '2026-05-01T09:30:00.000Z', status: 'done' });
    expect(remindersToSend([due, before, later, done], {}, now, since).map((t) => t.id)).toEqual([
      'due',
    ]);
    expect(remindersToSend([due], { due: '2026-05-01T09:30:00.000Z' }, now, since)).toEqual([]);
    // Moved to a new time: announced again when that time comes.
    expect(remindersToSend([due], { due: '2026-05-01T09:10:00.000Z' }, now, since)).toHaveLength(1);
  });
});

describe('task filter', () => {
  const base = {
    status: 'open' as const,
    priority: 'high' as const,
    people: [
      { member_id: 'ana', assignment_type: 'owner' as const },
      { member_id: 'bo', assignment_type: 'reviewer' as const },
    ],
    customerName: 'Sala Apolo',
    dealTitle: 'Rosalía · Barcelona',
  };
  it('matches member, role, target text, priority and status together', () => {
    expect(matchesTaskFilter(base, EMPTY_TASK_FILTER)).toBe(true);
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, memberId: 'bo' })).toBe(true);
    expect(
      matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, memberId: 'bo', assignmentType: 'owner' }),
    ).toBe(false);
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, assignmentType: 'watcher' })).toBe(
      false,
    );
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, target: 'rosalia barc' })).toBe(true);
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, target: 'apolo x' })).toBe(false);
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, priority: 'low' })).toBe(false);
    expect(matchesTaskFilter(base, { ...EMPTY_TASK_FILTER, status: 'done' })).toBe(false);
  });
});

describe('formatDue', () => {
  const now = new Date('2026-03-11T10:00:00.000Z');
  it('names today, tomorrow and yesterday in the zone, else the date', () => {
    expect(formatDue('2026-03-11T14:00:00.000Z', now, 'UTC', 'en-GB')).toBe('Today 14:00');
    expect(formatDue('2026-03-12T09:30:00.000Z', now, 'UTC', 'en-GB')).toBe('Tomorrow 09:30');
    expect(formatDue('2026-03-10T09:30:00.000Z', now, 'UTC', 'en-GB')).toBe('Yesterday 09:30');
    expect(formatDue('2026-03-16T09:30:00.000Z', now, 'UTC', 'en-GB')).toBe('Mon 16 Mar 09:30');
    // 03:30 UTC on the 11th is 23:30 on the 10th in New York, where "now" is 06:00 on the 11th.
    expect(formatDue('2026-03-11T03:30:00.000Z', now, 'America/New_York', 'en-GB')).toBe(
      'Yesterday 23:30',
    );
  });

  // A 2-digit hour read "Today 06:00 PM" in the US (main of 2026-12-06).
  it("writes the time as the user's locale does", () => {
    expect(formatDue('2026-03-11T18:00:00.000Z', now, 'UTC', 'en-US')).toBe('Today 6:00 PM');
    expect(formatDue('2026-03-11T18:00:00.000Z', now, 'UTC', 'de-DE')).toBe('Today 18:00');
    expect(formatDuePreview(new Date(2026, 11, 7, 18, 0), 'en-US')).toBe(
      'Mon, Dec 7, 2026, 6:00 PM',
    );
    expect(formatDuePreview(new Date(2026, 11, 7, 9, 5), 'en-GB')).toBe('Mon, 7 Dec 2026, 09:05');
  });
});
