/** The task manager's UI state: filters and the bulk selection. Never a copy of task rows. */
import { create } from 'zustand';
import type { TaskFilter } from '../../domain/tasks/task-filter';
import { EMPTY_TASK_FILTER } from '../../domain/tasks/task-filter';
import type { TaskView } from '../../domain/tasks/task-views';

type TaskUiState = {
  filter: TaskFilter;
  /** All, My tasks, Today, Overdue or Upcoming (domain/tasks/task-views.ts). */
  view: TaskView;
  setView: (view: TaskView) => void;
  selected: ReadonlySet<string>;
  setFilter: (patch: Partial<TaskFilter>) => void;
  resetFilter: () => void;
  toggleSelected: (id: string) => void;
  setSelected: (ids: Iterable<string>) => void;
  clearSelection: () => void;
};

export const useTaskUiStore = create<TaskUiState>()((set, get) => ({
  filter: EMPTY_TASK_FILTER,
  view: 'all',
  setView: (view) => set({ view }),
  selected: new Set(),
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  resetFilter: () => set({ filter: EMPTY_TASK_FILTER }),
  toggleSelected: (id) => {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },
  setSelected: (ids) => set({ selected: new Set(ids) }),
  clearSelection: () => set({ selected: new Set() }),
}));
