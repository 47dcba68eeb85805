/**
 * Task assignments: types outside the set, a second live owner on a task, or one member twice
 * on a task are refused; the rows being written are checked together with the stored ones.
 */
import type { CrmTaskAssignment } from '../../domain/records';
import { assignmentProblems, describeAssignmentProblem } from '../../domain/tasks/assignments';
import { rowsByIndex } from '../dbcore-helpers';
import { InvariantViolation } from '../invariant';
import type { GuardRegistry } from './table-guard';

export const TASK_GUARDS: GuardRegistry = {
  crm_task_assignments: {
    async check({ inZone, table }, write) {
      const incoming = write.values as CrmTaskAssignment[];
      const incomingIds = new Set(incoming.map((row) => row.id));
      const taskIds = [...new Set(incoming.map((row) => row.task_id))];
      const stored = (
        await Promise.all(
          taskIds.map((taskId) =>
            rowsByIndex<CrmTaskAssignment>(inZone, table, write.trans, 'task_id', taskId),
          ),
        )
      )
        .flat()
        .filter((row) => !incomingIds.has(row.id));
      const problem = assignmentProblems([...stored, ...incoming])[0];
      if (problem) throw new InvariantViolation(describeAssignmentProblem(problem));
    },
  },
};
