import { Link } from 'react-router';
import type { CrmTask } from '../../domain/records';

const STATUS_LABELS: Record<CrmTask['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Tasks linked to the deal, read-only here: they are edited on the task pages. */
export function DealTasks({ tasks }: { tasks: CrmTask[] }) {
  return (
    <section className="section" aria-labelledby="deal-tasks-heading">
      <h2 id="deal-tasks-heading" className="section-title">
        Linked tasks
      </h2>
      {tasks.length === 0 ? (
        <p className="item-meta">No tasks are linked to this deal.</p>
      ) : (
        <ul className="item-list" aria-label="Linked tasks">
          {tasks.map((task) => (
            <li key={task.id} className="item">
              <span className="item-main">
                <Link to={`/tasks/${task.id}`}>{task.title}</Link>
              </span>
              <span className="item-meta">
                {task.due_at ? `Due ${new Date(task.due_at).toLocaleDateString()}` : 'No due date'}
              </span>
              <span className={`pill deal-task-${task.status}`}>{STATUS_LABELS[task.status]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
