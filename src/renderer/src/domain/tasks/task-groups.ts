/**
 * Where a task shows on the task manager: overdue, today, upcoming, no date, done.
 * Pure: "now" and the user's time zone are arguments, so tests (and a laptop that crossed
 * time zones) get the same answer for the same inputs.
 */
import { TASK_STATUSES as SYNCED_TASK_STATUSES } from '../../../../shared/sync/enumerations';
import type { CrmTask, TaskStatus } from '../records';

export const TASK_GROUPS = ['overdue', 'today', 'upcoming', 'no-date', 'done'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

export const TASK_GROUP_LABELS: Record<TaskGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  upcoming: 'Upcoming',
  'no-date': 'No date',
  done: 'Done',
};

export const TASK_STATUSES: readonly TaskStatus[] = SYNCED_TASK_STATUSES;
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Open and in-progress tasks still ask for work; done and cancelled ones are closed. */
export function isOpenStatus(status: TaskStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

// formatToParts is slow next to a Map lookup, and a task list asks for the same few hundred
// due times on every render: remember answers (bounded, cleared when full).
const dayCache = new Map<string, string>();
const DAY_CACHE_MAX = 20_000;

/** The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function localDay(instant: Date, timeZone: string): string {
  const key = `${timeZone}|${instant.getTime()}`;
  const cached = dayCache.get(key);
  if (cached !== undefined) return cached;
  if (dayCache.size >= DAY_CACHE_MAX) dayCache.clear();
  const day = computeLocalDay(instant, timeZone);
  dayCache.set(key, day);
  return day;
}

function computeLocalDay(instant: Date, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

type Groupable = Pick<CrmTask, 'status' | 'due_at'>;

/**
 * Closed tasks are done whatever their date. An open task past its due instant is overdue
 * (a task due at 09:00 is overdue at 10:00 the same day: that is when its reminder fired);
 * otherwise its local calendar day decides between today and upcoming.
 */
export function taskGroup(task: Groupable, now: Date, timeZone: string): TaskGroup {
  if (!isOpenStatus(task.status)) return 'done';
  if (!task.due_at) return 'no-date';
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return 'no-date';
  if (due.getTime() < now.getTime()) return 'overdue';
  return localDay(due, timeZone) === localDay(now, timeZone) ? 'today' : 'upcoming';
}

export function isOverdue(task: Groupable, now: Date): boolean {
  return (
    isOpenStatus(task.status) &&
    task.due_at !== null &&
    new Date(task.due_at).getTime() < now.getTime()
  );
}

/** Oldest due first within a dated group; done tasks newest-completed first. */
function compareInGroup(group: TaskGroup) {
  return (a: CrmTask, b: CrmTask): number => {
    if (group === 'done')
      return (b.completed_at ?? b.updated_at).localeCompare(a.completed_at ?? a.updated_at);
    if (group === 'no-date') return b.created_at.localeCompare(a.created_at);
    return (a.due_at ?? '').localeCompare(b.due_at ?? '') || a.id.localeCompare(b.id);
  };
}

/** Every task in exactly one group, each group sorted; deleted tasks are left out. */
export function groupTasks<T extends CrmTask>(
  tasks: readonly T[],
  now: Date,
  timeZone: string,
): Record<TaskGroup, T[]> {
  const groups: Record<TaskGroup, T[]> = {
    overdue: [],
    today: [],
    upcoming: [],
    'no-date': [],
    done: [],
  };
  for (const task of tasks) {
    if (task.deleted === 1) continue;
    groups[taskGroup(task, now, timeZone)].push(task);
  }
  for (const group of TASK_GROUPS) groups[group].sort(compareInGroup(group));
  return groups;
}

/** The user's own zone; the fallback only matters on a system that reports none. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
