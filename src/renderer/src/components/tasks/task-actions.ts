/** What a user can do to tasks, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import type { AssignmentType } from '../../domain/records';
import { ok } from '../../domain/result';
import type { NewTask, TaskPatch } from '../../services/crm/tasks/task-service';
import { crm } from '../../services/registry';

export const goToTasks = defineAction({
  id: 'go-tasks',
  label: 'Go to tasks',
  perform: (_, { navigate }) => navigate('/tasks'),
});

export const createTask = defineAction<NewTask, string>({
  id: 'create-task',
  label: 'Add task',
  inline: true,
  perform: (task) => crm().tasks.create(task),
});

export const updateTask = defineAction<{ id: string; patch: TaskPatch }>({
  id: 'update-task',
  label: 'Edit task',
  inline: true,
  perform: ({ id, patch }) => crm().tasks.update(id, patch),
});

export const completeTask = defineAction<string>({
  id: 'complete-task',
  label: 'Complete task',
  perform: async (id) => {
    await crm().tasks.complete(id);
  },
});

export const reopenTask = defineAction<string>({
  id: 'reopen-task',
  label: 'Reopen task',
  perform: async (id) => {
    await crm().tasks.reopen(id);
  },
});

export const completeTasks = defineAction<readonly string[], number>({
  id: 'complete-tasks',
  label: 'Complete selected tasks',
  perform: async (ids) => {
    const count = await crm().tasks.bulkComplete(ids);
    return { ...ok(count), message: `Completed ${count} task${count === 1 ? '' : 's'}` };
  },
});

export const setTaskOwner = defineAction<{ taskId: string; memberId: string }>({
  id: 'set-task-owner',
  label: 'Change owner',
  perform: ({ taskId, memberId }) => crm().tasks.setOwner(taskId, memberId),
});

export const assignTask = defineAction<{ taskId: string; memberId: string; type: AssignmentType }>({
  id: 'assign-task',
  label: 'Assign',
  perform: ({ taskId, memberId, type }) => crm().tasks.assign(taskId, memberId, type),
});

export const unassignTask = defineAction<string>({
  id: 'unassign-task',
  label: 'Remove from task',
  perform: (assignmentId) => crm().tasks.unassign(assignmentId),
});

export const deleteTask = defineAction<{ id: string; title: string }>({
  id: 'delete-task',
  label: 'Delete task',
  perform: async ({ id, title }, { navigate }) => {
    await crm().tasks.remove(id);
    navigate('/tasks');
    return { ...ok(), message: `Deleted "${title}"`, undo: { run: () => crm().tasks.restore(id) } };
  },
});

export const taskActions = [goToTasks];
