/** The task manager's filters, as a pure predicate over a task and its people. */
import type { AssignmentType, CrmTask, TaskPriority, TaskStatus } from '../records';

export type TaskFilter = {
  /** A member id: tasks where this member has a role (of `assignmentType` when set). */
  memberId: string | null;
  /** With a member: their role. Alone: tasks that have someone in this role. */
  assignmentType: AssignmentType | null;
  /** Folded text matched against the customer's name and the deal's title. */
  target: string;
  priority: TaskPriority | null;
  status: TaskStatus | null;
};

export const EMPTY_TASK_FILTER: TaskFilter = {
  memberId: null,
  assignmentType: null,
  target: '',
  priority: null,
  status: null,
};

export type FilterableTask = Pick<CrmTask, 'status' | 'priority'> & {
  people: readonly { member_id: string; assignment_type: AssignmentType }[];
  customerName: string | null;
  dealTitle: string | null;
};

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export function matchesTaskFilter(task: FilterableTask, filter: TaskFilter): boolean {
  if (filter.status && task.status !== filter.status) return false;
  if (filter.priority && task.priority !== filter.priority) return false;
  if (filter.memberId || filter.assignmentType) {
    const hit = task.people.some(
      (person) =>
        (!filter.memberId || person.member_id === filter.memberId) &&
        (!filter.assignmentType || person.assignment_type === filter.assignmentType),
    );
    if (!hit) return false;
  }
  const target = fold(filter.target);
  if (target) {
    const haystack = fold(`${task.customerName ?? ''} ${task.dealTitle ?? ''}`);
    if (!target.split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  return true;
}

export function isFilterActive(filter: TaskFilter): boolean {
  return (
    filter.memberId !== null ||
    filter.assignmentType !== null ||
    filter.target.trim() !== '' ||
    filter.priority !== null ||
    filter.status !== null
  );
}
