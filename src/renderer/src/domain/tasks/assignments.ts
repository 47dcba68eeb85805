/**
 * Assignment rules: a constrained set of types and exactly one owner per task. The same
 * checks run in the task service (to answer the user) and in the data-layer guard (so that
 * a sync pull or a script cannot break them either).
 */
import type { AssignmentType, CrmTaskAssignment } from '../records';
import { ASSIGNMENT_TYPES } from '../records';

export const ASSIGNMENT_TYPE_LABELS: Record<AssignmentType, string> = {
  owner: 'Owner',
  collaborator: 'Collaborator',
  reviewer: 'Reviewer',
  watcher: 'Watcher',
};

export function isAssignmentType(value: unknown): value is AssignmentType {
  return typeof value === 'string' && (ASSIGNMENT_TYPES as readonly string[]).includes(value);
}

export type AssignmentProblem =
  | { kind: 'unknown-type'; type: string }
  | { kind: 'two-owners'; taskId: string }
  | { kind: 'member-twice'; taskId: string; memberId: string };

type Assignable = Pick<CrmTaskAssignment, 'task_id' | 'member_id' | 'assignment_type' | 'deleted'>;

/**
 * Problems in a task's set of assignments (live rows only): an unknown type, more than one
 * owner, or one member holding two roles on the same task (a member has one role; changing
 * it is an edit, not a second row). Having no owner is allowed here: a task created before
 * anyone joined the team has none until someone takes it.
 */
export function assignmentProblems(assignments: readonly Assignable[]): AssignmentProblem[] {
  const problems: AssignmentProblem[] = [];
  const owners = new Map<string, number>();
  const seen = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.deleted === 1) continue;
    const type: unknown = assignment.assignment_type;
    if (!isAssignmentType(type)) {
      problems.push({ kind: 'unknown-type', type: String(type) });
      continue;
    }
    if (type === 'owner') {
      const count = (owners.get(assignment.task_id) ?? 0) + 1;
      owners.set(assignment.task_id, count);
      if (count === 2) problems.push({ kind: 'two-owners', taskId: assignment.task_id });
    }
    const key = `${assignment.task_id}\u0000${assignment.member_id}`;
    if (seen.has(key))
      problems.push({
        kind: 'member-twice',
        taskId: assignment.task_id,
        memberId: assignment.member_id,
      });
    seen.add(key);
  }
  return problems;
}

export function describeAssignmentProblem(problem: AssignmentProblem): string {
  switch (problem.kind) {
    case 'unknown-type':
      return `"${problem.type}" is not an assignment type (${ASSIGNMENT_TYPES.join(', ')})`;
    case 'two-owners':
      return 'A task has exactly one owner';
    case 'member-twice':
      return 'This person already has a role on the task';
  }
}

/** Owner first, then the other roles in catalogue order, then by name for a stable list. */
export function compareAssignments(
  a: { assignment_type: AssignmentType; name: string },
  b: { assignment_type: AssignmentType; name: string },
): number {
  return (
    ASSIGNMENT_TYPES.indexOf(a.assignment_type) - ASSIGNMENT_TYPES.indexOf(b.assignment_type) ||
    a.name.localeCompare(b.name)
  );
}
