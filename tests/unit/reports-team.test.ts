import { describe, expect, it } from 'vitest';
import type { ReportFilter } from '../../src/renderer/src/domain/reports/filter';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportAssignment, ReportTask } from '../../src/renderer/src/domain/reports/inputs';
import { buildTimelines } from '../../src/renderer/src/domain/reports/stage-history';
import { taskFacts, teamReport } from '../../src/renderer/src/domain/reports/team';
import { isoDateFromDay } from '../../src/renderer/src/domain/reports/calendar';
import { change, context, customer, deal } from './reports-fixtures';

const filter = (fields: Partial<ReportFilter> = {}): ReportFilter => ({
  ...NO_REPORT_FILTER,
  ...fields,
});
const task = (id: string, fields: Partial<ReportTask>): ReportTask => ({
  id,
  status: 'open',
  due_at: null,
  completed_at: null,
  customer_id: null,
  deal_id: null,
  deleted: 0,
  ...fields,
});
const owner = (
  taskId: string,
  memberId: string,
  type: ReportAssignment['assignment_type'] = 'owner',
): ReportAssignment => ({
  task_id: taskId,
  member_id: memberId,
  assignment_type: type,
  deleted: 0,
});

const members = [
  { id: 'm1', name: 'Ana', active: 1 as const, deleted: 0 as const },
  { id: 'm2', name: 'Bo', active: 1 as const, deleted: 0 as const },
  { id: 'm3', name: 'Cy', active: 0 as const, deleted: 1 as const },
];
const offer = deal({ status: 'offer', owner_id: 'm1', amount_minor: 100_000 });
const wonNow = deal({
  status: 'contracted',
  owner_id: 'm1',
  amount_minor: 40_000,
  currency: 'USD',
});
const wonBefore = deal({ status: 'settled', owner_id: 'm2' });
const nobody = deal({ status: 'inquiry', owner_id: null, amount_minor: 5000 });
const history = [
  change(wonNow.id, 'confirmed', 'contracted', '2026-02-01T10:00:00.000Z'),
  change(wonBefore.id, 'confirmed', 'contracted', '2025-12-01T10:00:00.000Z'),
  change(wonBefore.id, 'contracted', 'played', '2026-01-10T10:00:00.000Z'),
  change(wonBefore.id, 'played', 'settled', '2026-02-10T10:00:00.000Z'),
];
const tasks = [
  task('t1', { due_at: '2026-03-14T09:00:00.000Z' }),
  task('t2', { status: 'in-progress', due_at: '2026-03-16T09:00:00.000Z' }),
  task('t3', { status: 'done', completed_at: '2026-03-10T09:00:00.000Z' }),
  task('t4', { status: 'done', completed_at: '2026-03-08T23:30:00.000Z' }),
  task('t5', { status: 'cancelled' }),
  task('t6', { deleted: 1 }),
  task('t7', { customer_id: 'c-vip' }),
  task('t8', { due_at: '2026-04-01T09:00:00.000Z' }),
];
const assignments = [
  owner('t1', 'm1'),
  owner('t1', 'm2', 'collaborator'),
  owner('t2', 'm1'),
  owner('t3', 'm2'),
  owner('t4', 'm2'),
  owner('t6', 'm1'),
  owner('t7', 'm3'),
  owner('t8', 'm2'),
];
const data = {
  timelines: buildTimelines([offer, wonNow, wonBefore, nobody], history),
  tasks: taskFacts(tasks, assignments),
  members,
};

describe('team figures per owner', () => {
  const team = teamReport(data, NO_REPORT_FILTER, context());
  const row = (name: string) => team.owners.find((o) => o.name === name)!;

  it('list the team by name, a removed member’s work by name, and work with no owner last', () => {
    expect(team.owners.map((o) => o.name)).toEqual(['Ana', 'Bo', 'Cy (removed)', 'No owner']);
    expect([isoDateFromDay(team.quarter.first), isoDateFromDay(team.quarter.last)]).toEqual([
      '2026-01-01',
      '2026-03-31',
    ]);
  });

  it('count open deals with their value, and deals won this quarter by when they were won', () => {
    expect(row('Ana')).toMatchObject({
      openDeals: 1,
      openValue: [{ currency: 'EUR', count: 1, amount: 100_000, weighted: 50_000 }],
    });
    expect(row('Ana').wonThisQuarter).toEqual([
      { currency: 'USD', count: 1, amount: 40_000, weighted: 40_000 },
    ]);
    expect(row('Bo').wonThisQuarter).toEqual([]); // contracted in December: settled this quarter is not "won" again
    expect(row('No owner')).toMatchObject({ openDeals: 1, openTasks: 0 });
  });

  it('count open and overdue tasks by their owner (not collaborators) and completions per week', () => {
    expect(row('Ana')).toMatchObject({ openTasks: 2, overdueTasks: 1 });
    expect(row('Bo')).toMatchObject({ openTasks: 1, overdueTasks: 0 });
    expect(row('Cy (removed)')).toMatchObject({ openTasks: 1 });
    expect(team.weeks.starts.map(isoDateFromDay).slice(-2)).toEqual(['2026-03-02', '2026-03-09']);
    expect(team.weeks.starts).toHaveLength(12);
    expect(row('Bo').completedByWeek.slice(-2)).toEqual([1, 1]);
    // In Berlin, 23:30 UTC on Sunday 8 March is already Monday 9 March.
    const berlin = teamReport(data, NO_REPORT_FILTER, context({}, { timeZone: 'Europe/Berlin' }));
    expect(berlin.owners.find((o) => o.name === 'Bo')!.completedByWeek.slice(-2)).toEqual([0, 2]);
  });

  it('show one row for the owner filter, even when that owner has nothing', () => {
    expect(
      teamReport(data, filter({ ownerId: 'm2' }), context()).owners.map((o) => o.name),
    ).toEqual(['Bo']);
    const idle = teamReport(data, filter({ ownerId: 'm9' }), context()).owners;
    expect(idle).toEqual([
      {
        ownerId: 'm9',
        name: 'Unknown member',
        openDeals: 0,
        openValue: [],
        wonThisQuarter: [],
        openTasks: 0,
        overdueTasks: 0,
        completedByWeek: new Array(12).fill(0),
      },
    ]);
  });

  it('apply the tag to tasks through their customer', () => {
    const vip = customer({ customer_id: 'c-vip', tags: ['vip'] });
    const tagged = teamReport(data, filter({ tag: 'vip' }), context({ customers: [vip] }));
    expect(tagged.owners.map((o) => [o.name, o.openTasks])).toEqual([
      ['Ana', 0],
      ['Bo', 0],
      ['Cy (removed)', 1],
    ]);
  });

  it('count completions in the filter’s weeks, cutting the range’s first and last week', () => {
    const range = teamReport(data, filter({ from: '2026-03-09', to: '2026-03-10' }), context());
    expect(range.weeks.starts.map(isoDateFromDay)).toEqual(['2026-03-09']);
    expect(range.owners.find((o) => o.name === 'Bo')!.completedByWeek).toEqual([1]);
  });
});
