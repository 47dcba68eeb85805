import { TASK_VIEW_LABELS, TASK_VIEWS } from '../../domain/tasks/task-views';
import { useTaskUiStore } from '../../stores/tasks/task-ui-store';

/** All tasks, My tasks, Today, Overdue, Upcoming: one press each, the current one pressed. */
export function TaskViewTabs() {
  const view = useTaskUiStore((state) => state.view);
  const setView = useTaskUiStore((state) => state.setView);
  return (
    <div className="segmented" role="group" aria-label="Task views">
      {TASK_VIEWS.map((choice) => (
        <button
          key={choice}
          type="button"
          className="segmented-item"
          aria-pressed={view === choice}
          onClick={() => setView(choice)}
        >
          {TASK_VIEW_LABELS[choice]}
        </button>
      ))}
    </div>
  );
}
