/** Validation of what a user types into a task form, shared by the service and the forms. */
import { TASK_PRIORITIES as SYNCED_TASK_PRIORITIES } from '../../../../shared/sync/enumerations';
import type { TaskPriority, TaskStatus } from '../records';

export const TASK_PRIORITIES: readonly TaskPriority[] = SYNCED_TASK_PRIORITIES;
export const TASK_PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const TITLE_MAX = 300;

export function checkTitle(
  input: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  const value = input.trim().replace(/\s+/g, ' ');
  if (!value) return { ok: false, reason: 'Give the task a title' };
  if (value.length > TITLE_MAX)
    return { ok: false, reason: `Keep the title under ${TITLE_MAX} characters` };
  return { ok: true, value };
}

/** An ISO instant or null; anything else (an unparsable string) is refused. */
export function checkDueAt(
  input: string | null,
): { ok: true; value: string | null } | { ok: false; reason: string } {
  if (input === null || input.trim() === '') return { ok: true, value: null };
  const time = new Date(input).getTime();
  if (Number.isNaN(time)) return { ok: false, reason: `${input} is not a date and time` };
  return { ok: true, value: new Date(time).toISOString() };
}

/**
 * The completed_at that goes with a status change: set when a task becomes done, kept when
 * it stays done, cleared when it is reopened or cancelled.
 */
export function completedAtFor(
  next: TaskStatus,
  previous: { status: TaskStatus; completed_at: string | null },
  now: string,
): string | null {
  if (next !== 'done') return null;
  return previous.status === 'done' && previous.completed_at ? previous.completed_at : now;
}

/** The value of an <input type="datetime-local"> for an ISO instant, in local time. */
export function toLocalInputValue(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
