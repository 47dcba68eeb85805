/**
 * The task manager's views: everything, My tasks (where I have a role), and one group each
 * for Today, Overdue and Upcoming. A view narrows the filter and the groups shown; it is pure
 * so the page and the tests agree on what each view holds.
 */
import type { TaskFilter } from './task-filter';
import type { TaskGroup } from './task-groups';
import { TASK_GROUPS } from './task-groups';

export const TASK_VIEWS = ['all', 'mine', 'today', 'overdue', 'upcoming'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

export const TASK_VIEW_LABELS: Record<TaskView, string> = {
  all: 'All tasks',
  mine: 'My tasks',
  today: 'Today',
  overdue: 'Overdue',
  upcoming: 'Upcoming',
};

/** The groups a view shows, in the page's order. */
export function groupsOfView(view: TaskView): readonly TaskGroup[] {
  if (view === 'today' || view === 'overdue' || view === 'upcoming') return [view];
  return TASK_GROUPS;
}

/**
 * The filter a view applies on top of the user's: My tasks is the current member in any role
 * (or, with a role chosen, in that role). Without a current member it matches nothing.
 */
export function filterOfView(view: TaskView, filter: TaskFilter, me: string | null): TaskFilter {
  if (view !== 'mine') return filter;
  return { ...filter, memberId: me ?? '' };
}

/** Why My tasks is empty when nobody is "you" on this computer. */
export function viewNeedsMember(view: TaskView, me: string | null): boolean {
  return view === 'mine' && me === null;
}
