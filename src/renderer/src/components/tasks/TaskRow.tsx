import { run } from '../../app/actions/runner';
import { completeTask, reopenTask } from './task-actions';
import { memo } from 'react';
import { Link } from 'react-router';
import { formatDue } from '../../domain/tasks/due-label';
import { isOpenStatus, isOverdue } from '../../domain/tasks/task-groups';
import { TASK_PRIORITY_LABELS } from '../../domain/tasks/task-draft';
import { ASSIGNMENT_TYPE_LABELS } from '../../domain/tasks/assignments';
import type { TaskView } from '../../services/crm/tasks/task-queries';

type Props = {
  task: TaskView;
  now: Date;
  timeZone: string;
  /** Bulk selection: shown only when given. */
  selected?: boolean;
  onToggleSelected?: () => void;
  /** Hide the customer link on the customer's own tab, the deal link on the deal's. */
  hideCustomer?: boolean;
  hideDeal?: boolean;
  /** False while the task's people are still being read: the owner cell stays blank. */
  peopleLoaded?: boolean;
};

/** One task in a list: done toggle, title to the task page, due, priority, people, links. */
function TaskRowView({
  task,
  now,
  timeZone,
  selected,
  onToggleSelected,
  hideCustomer,
  hideDeal,
  peopleLoaded,
}: Props) {
  const open = isOpenStatus(task.status);
  const overdue = isOverdue(task, now);
  const owner = task.people.find((person) => person.assignment_type === 'owner');
  const others = task.people.filter((person) => person.assignment_type !== 'owner');

  function handleToggleDone() {
    void run(open ? completeTask : reopenTask, task.id);
  }

  return (
    <li className={`task-row ${open ? '' : 'task-row-closed'}`} aria-label={task.title}>
      {onToggleSelected && (
        <input
          type="checkbox"
          className="checkbox"
          aria-label={`Select ${task.title}`}
          checked={selected ?? false}
          onChange={onToggleSelected}
        />
      )}
      <button
        type="button"
        className={`task-check ${open ? '' : 'task-check-done'}`}
        aria-label={open ? `Complete ${task.title}` : `Reopen ${task.title}`}
        title={open ? 'Complete' : 'Reopen'}
        onClick={handleToggleDone}
      >
        {open ? '' : '✓'}
      </button>
      <div className="task-main">
        <Link to={`/tasks/${task.id}`} className="task-title">
          {task.title}
        </Link>
        <span className="task-meta">
          {task.status === 'in-progress' && <span className="pill">In progress</span>}
          {task.status === 'cancelled' && <span className="pill">Cancelled</span>}
          {!hideCustomer && task.customer_id && task.customerName && (
            <Link to={`/customers/${task.customer_id}`} className="task-link">
              {task.customerName}
            </Link>
          )}
          {!hideDeal && task.deal_id && task.dealTitle && (
            <Link to={`/deals/${task.deal_id}`} className="task-link">
              {task.dealTitle}
            </Link>
          )}
          {others.length > 0 && (
            <span className="task-people">
              {others
                .map(
                  (person) =>
                    `${person.name} (${ASSIGNMENT_TYPE_LABELS[person.assignment_type].toLowerCase()})`,
                )
                .join(', ')}
            </span>
          )}
        </span>
      </div>
      {task.priority !== 'normal' && (
        <span className={`task-priority task-priority-${task.priority}`}>
          {TASK_PRIORITY_LABELS[task.priority]}
        </span>
      )}
      <span className="task-owner" title="Owner">
        {owner?.name ?? (peopleLoaded === false ? '' : 'No owner')}
      </span>
      <span className={`task-due ${overdue ? 'task-due-overdue' : ''}`}>
        {task.due_at ? formatDue(task.due_at, now, timeZone) : ''}
      </span>
    </li>
  );
}

function peopleKey(task: TaskView): string {
  return task.people.map((p) => `${p.id}:${p.assignment_type}:${p.name}:${p.active}`).join('|');
}

/**
 * Rows re-render only when what they show changed: a live list redraws on every write, and
 * a few hundred unchanged rows re-rendering is most of the time a click takes to show.
 */
function sameRow(a: Props, b: Props): boolean {
  return (
    a.task.id === b.task.id &&
    a.task.updated_at === b.task.updated_at &&
    a.task.customerName === b.task.customerName &&
    a.task.dealTitle === b.task.dealTitle &&
    peopleKey(a.task) === peopleKey(b.task) &&
    a.now.getTime() === b.now.getTime() &&
    a.timeZone === b.timeZone &&
    a.selected === b.selected &&
    Boolean(a.onToggleSelected) === Boolean(b.onToggleSelected) &&
    a.hideCustomer === b.hideCustomer &&
    a.hideDeal === b.hideDeal &&
    a.peopleLoaded === b.peopleLoaded
  );
}

/** One task in a list (memoized, see sameRow). */
export const TaskRow = memo(TaskRowView, sameRow);
