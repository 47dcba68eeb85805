import { describe, expect, it } from 'vitest';
import { readNaturalDue } from '../../src/renderer/src/domain/tasks/natural-due';
import { EMPTY_TASK_FILTER } from '../../src/renderer/src/domain/tasks/task-filter';
import {
  filterOfView,
  groupsOfView,
  viewNeedsMember,
} from '../../src/renderer/src/domain/tasks/task-views';

// A Sunday afternoon, local time: chrono reads words in the machine's zone.
const now = new Date(2026, 11, 6, 15, 30);

describe('a due time typed as said', () => {
  it('reads "tomorrow 10am", weekdays and relative days forward from now', () => {
    expect(readNaturalDue('tomorrow 10am', now)).toEqual({
      kind: 'date',
      at: new Date(2026, 11, 7, 10, 0),
    });
    const friday = readNaturalDue('friday 3pm', now);
    expect(friday).toEqual({ kind: 'date', at: new Date(2026, 11, 11, 15, 0) });
    const inTwo = readNaturalDue('in 2 days', now);
    expect(inTwo.kind === 'date' && inTwo.at.getDate()).toBe(8);
  });

  it('takes the ISO form a picker or a paste gives', () => {
    expect(readNaturalDue('2026-12-06T23:59', now)).toEqual({
      kind: 'date',
      at: new Date(2026, 11, 6, 23, 59),
    });
  });

  it('says when nothing, or only part, reads as a date; empty is no due date', () => {
    expect(readNaturalDue('   ', now)).toEqual({ kind: 'none' });
    expect(readNaturalDue('whenever', now).kind).toBe('unreadable');
    const partly = readNaturalDue('tomorrow lunch with Ana', now);
    expect(partly.kind === 'unreadable' && partly.message).toContain('lunch with Ana');
  });
});

describe('task views', () => {
  it('Today, Overdue and Upcoming show their group only; All and My tasks every group', () => {
    expect(groupsOfView('today')).toEqual(['today']);
    expect(groupsOfView('overdue')).toEqual(['overdue']);
    expect(groupsOfView('upcoming')).toEqual(['upcoming']);
    expect(groupsOfView('mine')).toContain('no-date');
    expect(groupsOfView('all')).toHaveLength(5);
  });

  it('My tasks are the current member’s, whatever member the filter named', () => {
    const filter = { ...EMPTY_TASK_FILTER, memberId: 'someone', priority: 'high' as const };
    expect(filterOfView('mine', filter, 'me')).toEqual({ ...filter, memberId: 'me' });
    expect(filterOfView('today', filter, 'me')).toBe(filter);
    expect(filterOfView('mine', EMPTY_TASK_FILTER, null).memberId).toBe('');
    expect(viewNeedsMember('mine', null)).toBe(true);
    expect(viewNeedsMember('all', null)).toBe(false);
  });
});
