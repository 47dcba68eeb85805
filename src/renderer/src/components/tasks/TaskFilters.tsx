import type { AssignmentType, TaskPriority, TaskStatus, TeamMember } from '../../domain/records';
import { ASSIGNMENT_TYPES } from '../../domain/records';
import { ASSIGNMENT_TYPE_LABELS } from '../../domain/tasks/assignments';
import { isFilterActive } from '../../domain/tasks/task-filter';
import { TASK_PRIORITIES, TASK_PRIORITY_LABELS } from '../../domain/tasks/task-draft';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../domain/tasks/task-groups';
import { useTaskUiStore } from '../../stores/tasks/task-ui-store';

const orNull = <T extends string>(value: string): T | null => (value === '' ? null : (value as T));

export function TaskFilters({ members }: { members: TeamMember[] }) {
  const filter = useTaskUiStore((state) => state.filter);
  const setFilter = useTaskUiStore((state) => state.setFilter);
  const resetFilter = useTaskUiStore((state) => state.resetFilter);
  return (
    <div className="toolbar task-filters" role="group" aria-label="Filter tasks">
      <select
        className="select"
        aria-label="Assignee"
        value={filter.memberId ?? ''}
        onChange={(event) => setFilter({ memberId: orNull(event.target.value) })}
      >
        <option value="">Anyone</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
            {member.active === 0 ? ' (inactive)' : ''}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Assignment type"
        value={filter.assignmentType ?? ''}
        onChange={(event) =>
          setFilter({ assignmentType: orNull<AssignmentType>(event.target.value) })
        }
      >
        <option value="">Any role</option>
        {ASSIGNMENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {filter.memberId ? 'as ' : ''}
            {ASSIGNMENT_TYPE_LABELS[type]}
          </option>
        ))}
      </select>
      <input
        className="input"
        type="search"
        aria-label="Customer or deal"
        placeholder="Customer or deal"
        value={filter.target}
        onChange={(event) => setFilter({ target: event.target.value })}
      />
      <select
        className="select"
        aria-label="Priority"
        value={filter.priority ?? ''}
        onChange={(event) => setFilter({ priority: orNull<TaskPriority>(event.target.value) })}
      >
        <option value="">Any priority</option>
        {TASK_PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {TASK_PRIORITY_LABELS[priority]}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Status"
        value={filter.status ?? ''}
        onChange={(event) => setFilter({ status: orNull<TaskStatus>(event.target.value) })}
      >
        <option value="">Any status</option>
        {TASK_STATUSES.map((status) => (
          <option key={status} value={status}>
            {TASK_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      {isFilterActive(filter) && (
        <button type="button" className="btn btn-ghost" onClick={resetFilter}>
          Clear filters
        </button>
      )}
    </div>
  );
}
