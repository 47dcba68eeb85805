/** The task and relationship screens' reads, live: they follow every write, whoever made it. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { getDb } from '../../db/instance';
import type {
  TaskListItem,
  TaskPerson,
  TaskTarget,
  TaskView,
} from '../../services/crm/tasks/task-queries';
import {
  countDueBefore,
  readAllTasks,
  readDealOptions,
  readOpenDueTimes,
  readPeople,
  readRoles,
  readTask,
  readTasksFor,
} from '../../services/crm/tasks/task-queries';

/**
 * One shared clock for every task view, so the badge, the groups and the rows move at the
 * same moment (two timers would let the badge say 3 overdue while the list shows 2).
 */
const CLOCK_MS = 15_000;
let clockNow = new Date();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | null = null;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (!clockTimer) {
    clockNow = new Date();
    clockTimer = setInterval(() => {
      clockNow = new Date();
      clockListeners.forEach((notify) => notify());
    }, CLOCK_MS);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = null;
    }
  };
}

/** The current time, ticking every 15 s: groups and counts move as time passes. */
export function useNow(): Date {
  return useSyncExternalStore(subscribeClock, () => clockNow);
}

export function useAllTasks(): TaskListItem[] | undefined {
  return useLiveQuery(() => readAllTasks(getDb()), []);
}

/** People on the tasks on screen only: a long list never reads every assignment. */
export function usePeople(taskIds: readonly string[]): Map<string, TaskPerson[]> | undefined {
  const key = taskIds.join(',');
  // `key` is the identity of `taskIds`: a new array with the same ids must not re-query.
  return useLiveQuery(() => readPeople(getDb(), taskIds), [key]);
}

/** Roles by task for the assignee/role filters; null (and no read) when neither is set. */
export function useRoles(memberId: string | null, enabled: boolean) {
  return useLiveQuery(
    () => (enabled ? readRoles(getDb(), memberId) : Promise.resolve(null)),
    [memberId, enabled],
  );
}

export function useTasksFor(target: TaskTarget): TaskView[] | undefined {
  const key = target
    ? 'customerId' in target
      ? `c:${target.customerId}`
      : `d:${target.dealId}`
    : '';
  // `key` is the identity of `target`: a new object with the same id must not re-query.
  return useLiveQuery(() => readTasksFor(getDb(), target), [key]);
}

/** undefined while loading, null when the task does not exist or was deleted. */
export function useTask(id: string): TaskView | null | undefined {
  return useLiveQuery(() => readTask(getDb(), id), [id]);
}

/**
 * The navigation's overdue badge: the open tasks' due times read once (again after a write to
 * the tasks), counted against the clock at each tick without reading anything.
 */
export function useOverdueCount(): number | undefined {
  const now = useNow();
  const times = useLiveQuery(() => readOpenDueTimes(getDb()), []);
  return times === undefined ? undefined : countDueBefore(times, now.getTime());
}

export function useDealOptions(): { id: string; title: string }[] {
  return useLiveQuery(() => readDealOptions(getDb()), []) ?? [];
}
