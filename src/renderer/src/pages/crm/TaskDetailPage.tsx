import { choicesOf, Select } from '../../components/ui/Select';
import { run } from '../../app/actions/runner';
import {
  completeTask,
  deleteTask,
  reopenTask,
  updateTask,
} from '../../components/tasks/task-actions';
import { Link, useParams } from 'react-router';
import { CustomerPicker } from '../../components/relationships/CustomerPicker';
import { AssignmentsEditor } from '../../components/tasks/AssignmentsEditor';
import { TaskDueField } from '../../components/tasks/TaskDueField';
import { InlineText } from '../../components/ui/InlineText';
import { TASK_PRIORITIES, TASK_PRIORITY_LABELS } from '../../domain/tasks/task-draft';
import type { TaskPatch } from '../../services/crm/tasks/task-service';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../domain/tasks/task-groups';
import { useDealOptions, useTask } from '../../hooks/tasks/use-tasks';
import { useTeamMembers } from '../../hooks/team/use-team';
import { showError } from '../../stores/toast-store';

async function save(taskId: string, patch: TaskPatch): Promise<string | null> {
  const result = await run(updateTask, { id: taskId, patch });
  if (!result) return 'Not saved';
  return result.ok ? null : result.error;
}

async function saveOrToast(taskId: string, patch: TaskPatch): Promise<void> {
  const problem = await save(taskId, patch);
  if (problem) showError(problem);
}

export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  const members = useTeamMembers();
  const deals = useDealOptions();

  if (task === undefined)
    return (
      <div className="empty" aria-busy="true">
        Loading…
      </div>
    );
  if (task === null)
    return (
      <div className="empty">
        <h2>This task is not here</h2>
        <p>It was deleted, or the link is out of date.</p>
        <Link className="btn" to="/tasks">
          Back to tasks
        </Link>
      </div>
    );

  const id = task.id;
  async function handleDelete() {
    await run(deleteTask, { id, title: task?.title ?? '' });
  }

  return (
    <>
      <header className="page-header">
        <Link to="/tasks" className="btn btn-ghost" aria-label="Back to tasks">
          ←
        </Link>
        <h1 className="page-title">{task.title}</h1>
        <div className="page-actions">
          {task.status === 'done' ? (
            <button className="btn" onClick={() => void run(reopenTask, id)}>
              Reopen
            </button>
          ) : (
            <button className="btn btn-primary" onClick={() => void run(completeTask, id)}>
              Complete
            </button>
          )}
          <button className="btn btn-danger" onClick={() => void handleDelete()}>
            Delete task
          </button>
        </div>
      </header>
      <div className="page-body task-detail">
        <section className="section" aria-labelledby="task-heading">
          <h2 id="task-heading" className="section-title">
            Task
          </h2>
          <dl className="prop-grid">
            <dt className="prop-label">Title</dt>
            <dd>
              <InlineText
                label="Title"
                value={task.title}
                onSave={(title) => save(id, { title })}
              />
            </dd>
            <dt className="prop-label">Description</dt>
            <dd>
              <InlineText
                label="Description"
                value={task.description}
                multiline
                placeholder="Add details"
                onSave={(description) => save(id, { description })}
              />
            </dd>
            <dt className="prop-label">Due</dt>
            <dd>
              <TaskDueField dueAt={task.due_at} onSave={(due_at) => save(id, { due_at })} />
            </dd>
            <dt className="prop-label">Priority</dt>
            <dd>
              <Select
                aria-label="Priority"
                value={task.priority}
                choices={choicesOf(TASK_PRIORITIES, TASK_PRIORITY_LABELS)}
                onChoose={(priority) => void saveOrToast(id, { priority })}
              />
            </dd>
            <dt className="prop-label">Status</dt>
            <dd>
              <Select
                aria-label="Status"
                value={task.status}
                choices={choicesOf(TASK_STATUSES, TASK_STATUS_LABELS)}
                onChoose={(status) => void saveOrToast(id, { status })}
              />
              {task.completed_at && (
                <span className="field-hint">
                  {' '}
                  Completed {new Date(task.completed_at).toLocaleString()}
                </span>
              )}
            </dd>
            <dt className="prop-label">Customer</dt>
            <dd className="task-target">
              {task.customer_id && task.customerName ? (
                <>
                  <Link to={`/customers/${task.customer_id}`}>{task.customerName}</Link>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => void saveOrToast(id, { customer_id: null })}
                  >
                    Detach
                  </button>
                </>
              ) : (
                <CustomerPicker
                  label="Attach to customer"
                  onPick={(customer) => void saveOrToast(id, { customer_id: customer.id })}
                />
              )}
            </dd>
            <dt className="prop-label">Deal</dt>
            <dd className="task-target">
              {task.deal_id && task.dealTitle && (
                <Link to={`/deals/${task.deal_id}`}>{task.dealTitle}</Link>
              )}
              {deals.length > 0 ? (
                <select
                  className="select"
                  aria-label="Deal"
                  value={task.deal_id && task.dealTitle ? task.deal_id : ''}
                  onChange={(event) =>
                    void saveOrToast(id, { deal_id: event.target.value || null })
                  }
                >
                  <option value="">No deal</option>
                  {deals.map((deal) => (
                    <option key={deal.id} value={deal.id}>
                      {deal.title}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="field-hint">No deals yet</span>
              )}
            </dd>
          </dl>
        </section>
        <AssignmentsEditor task={task} members={members} />
      </div>
    </>
  );
}
