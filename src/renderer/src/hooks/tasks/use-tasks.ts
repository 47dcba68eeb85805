/** The task and relationship screens' reads, live: they follow every write, whoever made it. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { getDb } from '../../db/instance';
import type { TeamMember } from '../../domain/records';
import { queryCustomerIds, listRowsByIds } from '../../services/crm/customers/customer-list-query';
import { DEFAULT_LIST_QUERY } from '../../services/crm/customers/customer-list-query';
import type { NetworkGroup } from '../../services/crm/relationships/relationship-service';
import { readNetwork } from '../../services/crm/relationships/relationship-service';
import { readSetting } from '../../db/app-settings';
import type {
  TaskListItem,
  TaskPerson,
  TaskTarget,
  TaskView,
} from '../../services/crm/tasks/task-queries';
import {
  countOverdue,
  readAllTasks,
  readDealOptions,
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

export function useOverdueCount(): number | undefined {
  const now = useNow();
  return useLiveQuery(() => countOverdue(getDb(), now), [now.getTime()]);
}

export function useDealOptions(): { id: string; title: string }[] {
  return useLiveQuery(() => readDealOptions(getDb()), []) ?? [];
}

/** Every team member not deleted, active or not (inactive ones still show on old tasks). */
export function useAllMembers(): TeamMember[] {
  return (
    useLiveQuery(
      async () =>
        (await getDb().team_members.orderBy('name').toArray()).filter((m) => m.deleted === 0),
      [],
    ) ?? []
  );
}

export function useCurrentMemberId(): string | null {
  return useLiveQuery(() => readSetting(getDb(), 'currentMemberId'), []) ?? null;
}

/** Customers matching a search, for pickers: at most `limit`, by name. */
export function useCustomerMatches(search: string, limit = 8) {
  return useLiveQuery(async () => {
    const db = getDb();
    const ids = await queryCustomerIds(db, { ...DEFAULT_LIST_QUERY, search });
    return listRowsByIds(db, ids.slice(0, limit));
  }, [search, limit]);
}

export function useCustomerName(id: string | null): string | null | undefined {
  return useLiveQuery(
    async () => (id ? ((await getDb().customers_crm_v.get(id))?.display_name ?? null) : null),
    [id],
  );
}

export function useNetwork(customerId: string | null): NetworkGroup[] | undefined {
  return useLiveQuery(
    () => (customerId ? readNetwork(getDb(), customerId) : Promise.resolve([])),
    [customerId],
  );
}
