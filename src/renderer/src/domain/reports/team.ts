/**
 * Team figures per owner: open deals and their value (the pipeline's rule), deals won this
 * quarter (by when they were won, from the history), open and overdue tasks, and tasks
 * completed per week. A task's owner is its live `owner` assignment (tasks.md: one owner).
 */
import { outcomeOf } from '../deals/statuses';
import type { TotalsByCurrency } from '../deals/totals';
import { totalsByCurrency } from '../deals/totals';
import { isOpenStatus } from '../tasks/task-groups';
import type { TaskStatus } from '../records';
import type { DaySpan } from './calendar';
import { instantMs, isoDateFromDay, quarterOf } from './calendar';
import type { ReportFilter } from './filter';
import { dealScope, eventDateScope, taskInScope } from './filter';
import type {
  ReportAssignment,
  ReportContext,
  ReportDeal,
  ReportMember,
  ReportTask,
} from './inputs';
import type { DealTimeline } from './stage-history';
import type { WeekWindow } from './weeks';
import { weekIndex, weekWindow } from './weeks';

/** A live task with what the figures read, its owner resolved ('' when it has none). */
export type TaskFacts = {
  id: string;
  status: TaskStatus;
  ownerId: string;
  dueMs: number;
  completedMs: number;
  customer_id: string | null;
  deal_id: string | null;
};

export function taskFacts(
  tasks: readonly ReportTask[],
  assignments: readonly ReportAssignment[],
): TaskFacts[] {
  const owners = new Map<string, string>();
  for (const a of assignments)
    if (a.deleted !== 1 && a.assignment_type === 'owner') owners.set(a.task_id, a.member_id);
  const facts: TaskFacts[] = [];
  for (const task of tasks) {
    if (task.deleted === 1) continue;
    facts.push({
      id: task.id,
      status: task.status,
      ownerId: owners.get(task.id) ?? '',
      dueMs: instantMs(task.due_at),
      completedMs: task.status === 'done' ? instantMs(task.completed_at) : Number.NaN,
      customer_id: task.customer_id,
      deal_id: task.deal_id,
    });
  }
  return facts;
}

/** Open (open or in progress) and past its due instant: the task manager's "overdue". */
export function isOverdueFact(task: TaskFacts, nowMs: number): boolean {
  return isOpenStatus(task.status) && task.dueMs < nowMs;
}

export type OwnerRow = {
  /** '' is "No owner". */
  ownerId: string;
  name: string;
  openDeals: number;
  openValue: TotalsByCurrency;
  wonThisQuarter: TotalsByCurrency;
  openTasks: number;
  overdueTasks: number;
  /** Completed tasks per week of `weeks`. */
  completedByWeek: number[];
};

export type TeamReport = { quarter: DaySpan; weeks: WeekWindow; owners: OwnerRow[] };

/** The deal part of the team figure: open and won deals per owner, in the order met. */
export type TeamDeals = Map<string, { open: ReportDeal[]; won: ReportDeal[] }>;

/** The task part: open, overdue and completed-per-week tasks per owner, in the order met. */
export type TeamTasks = Map<string, { openTasks: number; overdue: number; weeks: number[] }>;

/**
 * The team figure in two parts kept apart (`teamDeals`, `teamTasks`) and joined by
 * `teamFromParts`, so that a filter field only the deals read (the currency) computes the
 * deal part again and keeps the task part (docs/reports.md, "A filter change's worker part").
 * `teamReport` is the three at once.
 */
export function teamReport(
  data: {
    timelines: readonly DealTimeline[];
    tasks: readonly TaskFacts[];
    members: readonly ReportMember[];
  },
  filter: ReportFilter,
  context: ReportContext,
): TeamReport {
  return teamFromParts(
    teamDeals(data.timelines, filter, context),
    teamTasks(data.tasks, filter, context),
    data.members,
    filter,
    context,
  );
}

export function teamDeals(
  timelines: readonly DealTimeline[],
  filter: ReportFilter,
  context: ReportContext,
): TeamDeals {
  const quarter = quarterOf(context.today);
  const owners: TeamDeals = new Map();
  const of = (ownerId: string) => {
    let entry = owners.get(ownerId);
    if (!entry) owners.set(ownerId, (entry = { open: [], won: [] }));
    return entry;
  };
  const inScope = dealScope(filter, context);
  const dateMatches = eventDateScope(filter);
  for (const { deal, closedAt } of timelines) {
    if (!inScope(deal)) continue;
    const outcome = outcomeOf(deal.status);
    if (outcome === 'open' && dateMatches(deal)) of(deal.owner_id ?? '').open.push(deal);
    if (outcome === 'won' && closedAt !== null) {
      const day = context.zone.dayOf(closedAt);
      if (day >= quarter.first && day <= quarter.last) of(deal.owner_id ?? '').won.push(deal);
    }
  }
  return owners;
}

export function teamTasks(
  tasks: readonly TaskFacts[],
  filter: ReportFilter,
  context: ReportContext,
): TeamTasks {
  const weeks = weekWindow(filter, context.today);
  const owners: TeamTasks = new Map();
  const of = (ownerId: string) => {
    let entry = owners.get(ownerId);
    if (!entry)
      owners.set(ownerId, (entry = { openTasks: 0, overdue: 0, weeks: weeks.starts.map(() => 0) }));
    return entry;
  };
  for (const task of tasks) {
    if (!taskInScope(task, filter, context)) continue;
    if (isOpenStatus(task.status)) {
      const entry = of(task.ownerId);
      entry.openTasks += 1;
      if (isOverdueFact(task, context.nowMs)) entry.overdue += 1;
    } else if (!Number.isNaN(task.completedMs)) {
      const week = weekIndex(weeks, context.zone.dayOf(task.completedMs));
      if (week >= 0) of(task.ownerId).weeks[week]! += 1;
    }
  }
  return owners;
}

/** One row per owner: the members (no owner filter), then the deals' owners, then the tasks'. */
export function teamFromParts(
  deals: TeamDeals,
  tasks: TeamTasks,
  members: readonly ReportMember[],
  filter: ReportFilter,
  context: ReportContext,
): TeamReport {
  const quarter = quarterOf(context.today);
  const weeks = weekWindow(filter, context.today);
  const ids = new Set<string>();
  for (const member of members)
    if (member.deleted !== 1 && filter.ownerId === null) ids.add(member.id);
  for (const id of deals.keys()) ids.add(id);
  for (const id of tasks.keys()) ids.add(id);
  if (filter.ownerId !== null) ids.add(filter.ownerId);
  const names = new Map(
    members.map((m) => [m.id, m.deleted === 1 ? `${m.name} (removed)` : m.name]),
  );
  const owners = [...ids]
    .filter((ownerId) => filter.ownerId === null || ownerId === filter.ownerId)
    .map((ownerId): OwnerRow => {
      const d = deals.get(ownerId);
      const t = tasks.get(ownerId);
      return {
        ownerId,
        name: ownerId === '' ? 'No owner' : (names.get(ownerId) ?? 'Unknown member'),
        openDeals: d?.open.length ?? 0,
        openValue: totalsByCurrency(d?.open ?? [], context.stages.probability),
        wonThisQuarter: totalsByCurrency(d?.won ?? [], context.stages.probability),
        openTasks: t?.openTasks ?? 0,
        overdueTasks: t?.overdue ?? 0,
        // A fresh array: the task part is kept across filter changes and must not be shared.
        completedByWeek: t ? [...t.weeks] : weeks.starts.map(() => 0),
      };
    })
    .sort(
      (a, b) =>
        (a.ownerId === '' ? 1 : 0) - (b.ownerId === '' ? 1 : 0) || a.name.localeCompare(b.name),
    );
  return { quarter, weeks, owners };
}

export function quarterLabel(quarter: DaySpan): string {
  return `${isoDateFromDay(quarter.first)} to ${isoDateFromDay(quarter.last)}`;
}
