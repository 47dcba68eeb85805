import { FilterBar, FilterSelect, optionsOf } from '../ui/FilterBar';
import { OwnerSelect } from '../ui/OwnerSelect';
import type { AssignmentType, TaskPriority, TaskStatus, TeamMember } from '../../domain/records';
import { ASSIGNMENT_TYPES } from '../../domain/records';
import { ASSIGNMENT_TYPE_LABELS } from '../../domain/tasks/assignments';
import { isFilterActive } from '../../domain/tasks/task-filter';
import { TASK_PRIORITIES, TASK_PRIORITY_LABELS } from '../../domain/tasks/task-draft';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../domain/tasks/task-groups';
import { useTaskUiStore } from '../../stores/tasks/task-ui-store';

export function TaskFilters({ members }: { members: TeamMember[] }) {
  const filter = useTaskUiStore((state) => state.filter);
  const setFilter = useTaskUiStore((state) => state.setFilter);
  const resetFilter = useTaskUiStore((state) => state.resetFilter);
  return (
    <FilterBar
      label="Filter tasks"
      className="task-filters"
      active={isFilterActive(filter)}
      onClear={resetFilter}
    >
      <OwnerSelect
        aria-label="Assignee"
        members={members}
        noneLabel="Anyone"
        markInactive
        value={filter.memberId}
        onChoose={(memberId) => setFilter({ memberId })}
      />
      <FilterSelect
        label="Assignment type"
        anyLabel="Any role"
        value={filter.assignmentType}
        options={optionsOf(
          ASSIGNMENT_TYPES,
          (type) => `${filter.memberId ? 'as ' : ''}${ASSIGNMENT_TYPE_LABELS[type]}`,
        )}
        onChange={(assignmentType: AssignmentType | null) => setFilter({ assignmentType })}
      />
      <input
        className="input"
        type="search"
        aria-label="Customer or deal"
        placeholder="Customer or deal"
        value={filter.target}
        onChange={(event) => setFilter({ target: event.target.value })}
      />
      <FilterSelect
        label="Priority"
        anyLabel="Any priority"
        value={filter.priority}
        options={optionsOf(TASK_PRIORITIES, TASK_PRIORITY_LABELS)}
        onChange={(priority: TaskPriority | null) => setFilter({ priority })}
      />
      <FilterSelect
        label="Status"
        anyLabel="Any status"
        value={filter.status}
        options={optionsOf(TASK_STATUSES, TASK_STATUS_LABELS)}
        onChange={(status: TaskStatus | null) => setFilter({ status })}
      />
    </FilterBar>
  );
}
