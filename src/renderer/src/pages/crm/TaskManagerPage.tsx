import { run } from '../../app/actions/runner';
import { completeTasks } from '../../components/tasks/task-actions';
import { useMemo, useState } from 'react';
import { TaskFilters } from '../../components/tasks/TaskFilters';
import { TaskQuickAdd } from '../../components/tasks/TaskQuickAdd';
import { TaskRow } from '../../components/tasks/TaskRow';
import { isFilterActive, matchesTaskFilter } from '../../domain/tasks/task-filter';
import type { TaskGroup } from '../../domain/tasks/task-groups';
import {
  groupTasks,
  systemTimeZone,
  TASK_GROUP_LABELS,
  TASK_GROUPS,
} from '../../domain/tasks/task-groups';
import { useAllTasks, useNow, usePeople, useRoles } from '../../hooks/tasks/use-tasks';
import { useCurrentMemberId, useTeamMembers } from '../../hooks/team/use-team';
import { TaskViewTabs } from '../../components/tasks/TaskViewTabs';
import { filterOfView, groupsOfView, viewNeedsMember } from '../../domain/tasks/task-views';
import { TASK_VIEW_LABELS } from '../../domain/tasks/task-views';
import type { TaskListItem } from '../../services/crm/tasks/task-queries';
import { useTaskUiStore } from '../../stores/tasks/task-ui-store';

/**
 * Rows shown per group until asked for all: done tasks pile up (the latest 20 are what one
 * looks for), and thousands of rows would make every live update slow to draw.
 */
const SHOWN: Record<TaskGroup, number> = {
  overdue: 100,
  today: 100,
  upcoming: 100,
  'no-date': 100,
  done: 20,
};

export function TaskManagerPage() {
  const tasks = useAllTasks();
  const members = useTeamMembers();
  const now = useNow();
  const timeZone = systemTimeZone();
  const userFilter = useTaskUiStore((state) => state.filter);
  const view = useTaskUiStore((state) => state.view);
  const me = useCurrentMemberId();
  const filter = useMemo(() => filterOfView(view, userFilter, me), [view, userFilter, me]);
  const selected = useTaskUiStore((state) => state.selected);
  const toggleSelected = useTaskUiStore((state) => state.toggleSelected);
  const setSelected = useTaskUiStore((state) => state.setSelected);
  const clearSelection = useTaskUiStore((state) => state.clearSelection);
  const [expanded, setExpanded] = useState<ReadonlySet<TaskGroup>>(new Set());

  const byRole = filter.memberId !== null || filter.assignmentType !== null;
  const roles = useRoles(filter.memberId, byRole);
  const visible = useMemo(
    () =>
      (tasks ?? []).filter((task) =>
        matchesTaskFilter({ ...task, people: roles?.get(task.id) ?? [] }, filter),
      ),
    [tasks, filter, roles],
  );
  const groups = useMemo(() => groupTasks(visible, now, timeZone), [visible, now, timeZone]);
  const viewGroups = groupsOfView(view);
  const inView = viewGroups.flatMap((group) => groups[group]);
  const shown = useMemo(() => {
    const result = {} as Record<TaskGroup, TaskListItem[]>;
    for (const group of TASK_GROUPS)
      result[group] = expanded.has(group) ? groups[group] : groups[group].slice(0, SHOWN[group]);
    return result;
  }, [groups, expanded]);
  const people = usePeople(TASK_GROUPS.flatMap((group) => shown[group].map((task) => task.id)));
  const visibleIds = new Set(inView.map((task) => task.id));
  const selectedVisible = [...selected].filter((id) => visibleIds.has(id));

  async function handleBulkComplete() {
    const result = await run(completeTasks, selectedVisible);
    if (result?.ok) clearSelection();
  }

  function renderGroup(group: TaskGroup) {
    const all = expanded.has(group);
    const items = shown[group];
    if (groups[group].length === 0) return null;
    const ids = groups[group].filter((task) => task.status !== 'done').map((task) => task.id);
    const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
    return (
      <section key={group} className="task-group" aria-labelledby={`group-${group}`}>
        <h2 id={`group-${group}`} className={`task-group-title task-group-${group}`}>
          {group !== 'done' && (
            <input
              type="checkbox"
              className="checkbox"
              aria-label={`Select all ${TASK_GROUP_LABELS[group].toLowerCase()}`}
              checked={allSelected}
              onChange={() =>
                setSelected(
                  allSelected
                    ? [...selected].filter((id) => !ids.includes(id))
                    : [...selected, ...ids],
                )
              }
            />
          )}
          {TASK_GROUP_LABELS[group]}
          <span className="task-group-count">{groups[group].length}</span>
        </h2>
        <ul className="task-list" aria-label={TASK_GROUP_LABELS[group]}>
          {items.map((task) => (
            <TaskRow
              key={task.id}
              task={{ ...task, people: people?.get(task.id) ?? [] }}
              peopleLoaded={people?.has(task.id) ?? false}
              now={now}
              timeZone={timeZone}
              selected={selected.has(task.id)}
              onToggleSelected={group === 'done' ? undefined : () => toggleSelected(task.id)}
            />
          ))}
        </ul>
        {groups[group].length > SHOWN[group] && (
          <button
            type="button"
            className="btn btn-ghost btn-small task-show-all"
            onClick={() => {
              const next = new Set(expanded);
              if (all) next.delete(group);
              else next.add(group);
              setExpanded(next);
            }}
          >
            {all
              ? 'Show fewer'
              : `Show all ${groups[group].length} ${TASK_GROUP_LABELS[group].toLowerCase()}`}
          </button>
        )}
      </section>
    );
  }

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Tasks</h1>
        <div className="page-actions">
          {selectedVisible.length > 0 && (
            <>
              <span className="task-selection-count" aria-live="polite">
                {selectedVisible.length} selected
              </span>
              <button type="button" className="btn btn-ghost" onClick={clearSelection}>
                Clear
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void handleBulkComplete()}
              >
                Complete {selectedVisible.length}
              </button>
            </>
          )}
        </div>
      </header>
      <div className="page-body task-page">
        <TaskQuickAdd />
        <TaskViewTabs />
        <TaskFilters members={members} />
        {tasks === undefined ? (
          <p className="field-hint" aria-busy="true">
            Loading…
          </p>
        ) : tasks.length === 0 ? (
          <div className="empty">
            <h2>No tasks yet</h2>
            <p>
              Type a title above and press Enter. Tasks on a customer also show on its Tasks tab.
            </p>
          </div>
        ) : viewNeedsMember(view, me) ? (
          <div className="empty">
            <h2>Who are you?</h2>
            <p>
              My tasks are the ones where you have a role: choose who you are under Settings, “You
              are”.
            </p>
          </div>
        ) : inView.length === 0 ? (
          <div className="empty">
            <h2>{view === 'all' ? 'No task matches' : `Nothing in ${TASK_VIEW_LABELS[view]}`}</h2>
            <p>{isFilterActive(userFilter) ? 'Try clearing a filter.' : ''}</p>
          </div>
        ) : (
          viewGroups.map(renderGroup)
        )}
      </div>
    </>
  );
}
