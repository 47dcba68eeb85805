/**
 * Task use cases. Every write is one transaction: a task and its owner land together, and
 * an ownership transfer never leaves a task with two owners or none. The guard middleware
 * checks the same assignment rules again for writers that do not come through here.
 */
import type { CrmDatabase } from '../../../db/database';
import { bindDb } from '../../bind-db';
import { newId, nowIso } from '../../../domain/ids';
import { fail, ok, type Result } from '../../../domain/result';
import type {
  AssignmentType,
  CrmTask,
  CrmTaskAssignment,
  TaskPriority,
  TaskStatus,
} from '../../../domain/records';
import { ASSIGNMENT_TYPES } from '../../../domain/records';
import { isAssignmentType } from '../../../domain/tasks/assignments';
import {
  checkDueAt,
  checkTitle,
  completedAtFor,
  TASK_PRIORITIES,
} from '../../../domain/tasks/task-draft';
import { TASK_STATUSES } from '../../../domain/tasks/task-groups';
import { createTaskReminders } from './task-reminders';

export type NewTask = {
  title: string;
  description?: string;
  due_at?: string | null;
  priority?: TaskPriority;
  status?: TaskStatus;
  customer_id?: string | null;
  deal_id?: string | null;
  /** The member who owns it; usually the current user. */
  owner_id?: string | null;
};

export type TaskPatch = Partial<
  Pick<
    CrmTask,
    'title' | 'description' | 'due_at' | 'priority' | 'status' | 'customer_id' | 'deal_id'
  >
>;

const TABLES = [
  'crm_tasks',
  'crm_task_assignments',
  'team_members',
  'customer_profiles',
  'event_deals',
] as const;

async function liveTask(db: CrmDatabase, id: string): Promise<CrmTask> {
  const task = await db.crm_tasks.get(id);
  if (!task || task.deleted === 1) throw new Error('This task no longer exists');
  return task;
}

async function checkTargets(
  db: CrmDatabase,
  customerId: string | null,
  dealId: string | null,
): Promise<string | null> {
  if (customerId) {
    const customer = await db.customer_profiles.get(customerId);
    if (!customer || customer.deleted === 1) return 'That customer no longer exists';
  }
  if (dealId) {
    const deal = await db.event_deals.get(dealId);
    if (!deal || deal.deleted === 1) return 'That deal no longer exists';
  }
  return null;
}

async function checkMember(db: CrmDatabase, memberId: string): Promise<string | null> {
  const member = await db.team_members.get(memberId);
  if (!member || member.deleted === 1) return 'That team member no longer exists';
  if (member.active === 0) return `${member.name} is deactivated`;
  return null;
}

async function liveAssignments(db: CrmDatabase, taskId: string): Promise<CrmTaskAssignment[]> {
  return db.crm_task_assignments
    .where('task_id')
    .equals(taskId)
    .filter((row) => row.deleted === 0)
    .toArray();
}

function newAssignment(
  taskId: string,
  memberId: string,
  type: AssignmentType,
  now: string,
): CrmTaskAssignment {
  return {
    id: newId(),
    task_id: taskId,
    member_id: memberId,
    assignment_type: type,
    created_at: now,
    updated_at: now,
    deleted: 0,
  };
}

async function create(db: CrmDatabase, input: NewTask): Promise<Result<string>> {
  const title = checkTitle(input.title);
  if (!title.ok) return fail(title.reason);
  const due = checkDueAt(input.due_at ?? null);
  if (!due.ok) return fail(due.reason);
  const priority = input.priority ?? 'normal';
  if (!TASK_PRIORITIES.includes(priority)) return fail(`Unknown priority ${priority}`);
  const status = input.status ?? 'open';
  if (!TASK_STATUSES.includes(status)) return fail(`Unknown status ${status}`);
  return db.transaction('rw', [...TABLES], async () => {
    const customerId = input.customer_id ?? null;
    const dealId = input.deal_id ?? null;
    const targetProblem = await checkTargets(db, customerId, dealId);
    if (targetProblem) return fail(targetProblem);
    if (input.owner_id) {
      const memberProblem = await checkMember(db, input.owner_id);
      if (memberProblem) return fail(memberProblem);
    }
    const now = nowIso();
    const task: CrmTask = {
      id: newId(),
      title: title.value,
      description: input.description?.trim() ?? '',
      due_at: due.value,
      priority,
      status,
      customer_id: customerId,
      deal_id: dealId,
      completed_at: status === 'done' ? now : null,
      created_at: now,
      updated_at: now,
      deleted: 0,
    };
    await db.crm_tasks.add(task);
    if (input.owner_id)
      await db.crm_task_assignments.add(newAssignment(task.id, input.owner_id, 'owner', now));
    return ok(task.id);
  });
}

async function update(db: CrmDatabase, id: string, patch: TaskPatch): Promise<Result> {
  const changes: Partial<CrmTask> = {};
  if (patch.title !== undefined) {
    const title = checkTitle(patch.title);
    if (!title.ok) return fail(title.reason);
    changes.title = title.value;
  }
  if (patch.description !== undefined) changes.description = patch.description.trim();
  if (patch.due_at !== undefined) {
    const due = checkDueAt(patch.due_at);
    if (!due.ok) return fail(due.reason);
    changes.due_at = due.value;
  }
  if (patch.priority !== undefined) {
    if (!TASK_PRIORITIES.includes(patch.priority))
      return fail(`Unknown priority ${patch.priority}`);
    changes.priority = patch.priority;
  }
  if (patch.status !== undefined && !TASK_STATUSES.includes(patch.status))
    return fail(`Unknown status ${patch.status}`);
  return db.transaction('rw', [...TABLES], async () => {
    const task = await liveTask(db, id);
    if (patch.customer_id !== undefined || patch.deal_id !== undefined) {
      const problem = await checkTargets(db, patch.customer_id ?? null, patch.deal_id ?? null);
      if (problem) return fail(problem);
      if (patch.customer_id !== undefined) changes.customer_id = patch.customer_id;
      if (patch.deal_id !== undefined) changes.deal_id = patch.deal_id;
    }
    const now = nowIso();
    if (patch.status !== undefined) {
      changes.status = patch.status;
      changes.completed_at = completedAtFor(patch.status, task, now);
    }
    await db.crm_tasks.update(id, { ...changes, updated_at: now });
    return ok();
  });
}

async function setStatus(
  db: CrmDatabase,
  ids: readonly string[],
  status: TaskStatus,
): Promise<number> {
  return db.transaction('rw', [...TABLES], async () => {
    const now = nowIso();
    const tasks = (await db.crm_tasks.bulkGet([...ids])).filter(
      (task): task is CrmTask => task !== undefined && task.deleted === 0 && task.status !== status,
    );
    await db.crm_tasks.bulkPut(
      tasks.map((task) => ({
        ...task,
        status,
        completed_at: completedAtFor(status, task, now),
        updated_at: now,
      })),
    );
    return tasks.length;
  });
}

/** The task's live roles, once the task and the member are checked (inside the caller's transaction). */
async function roleChange(
  db: CrmDatabase,
  taskId: string,
  memberId: string,
): Promise<Result<{ rows: CrmTaskAssignment[]; now: string }>> {
  await liveTask(db, taskId);
  const problem = await checkMember(db, memberId);
  if (problem) return fail(problem);
  return ok({ rows: await liveAssignments(db, taskId), now: nowIso() });
}

/**
 * Makes `memberId` the owner. The previous owner's row goes (tombstoned) and a role the new
 * owner already had becomes the owner row, in one transaction.
 */
async function setOwner(db: CrmDatabase, taskId: string, memberId: string): Promise<Result> {
  return db.transaction('rw', [...TABLES], async () => {
    const checked = await roleChange(db, taskId, memberId);
    if (!checked.ok) return checked;
    const { rows, now } = checked.value;
    const previous = rows.find((row) => row.assignment_type === 'owner');
    if (previous?.member_id === memberId) return ok();
    const theirs = rows.find((row) => row.member_id === memberId);
    const writes: CrmTaskAssignment[] = [];
    if (previous) writes.push({ ...previous, deleted: 1, updated_at: now });
    writes.push(
      theirs
        ? { ...theirs, assignment_type: 'owner', updated_at: now }
        : newAssignment(taskId, memberId, 'owner', now),
    );
    await db.crm_task_assignments.bulkPut(writes);
    await db.crm_tasks.update(taskId, { updated_at: now });
    return ok();
  });
}

/** Gives a member a role on the task, or changes the role they have. */
async function assign(
  db: CrmDatabase,
  taskId: string,
  memberId: string,
  type: AssignmentType,
): Promise<Result> {
  if (!isAssignmentType(type))
    return fail(`"${String(type)}" is not an assignment type (${ASSIGNMENT_TYPES.join(', ')})`);
  if (type === 'owner') return setOwner(db, taskId, memberId);
  return db.transaction('rw', [...TABLES], async () => {
    const checked = await roleChange(db, taskId, memberId);
    if (!checked.ok) return checked;
    const { rows, now } = checked.value;
    const theirs = rows.find((row) => row.member_id === memberId);
    if (theirs?.assignment_type === 'owner')
      return fail('Choose another owner first: a task has exactly one owner');
    if (theirs?.assignment_type === type) return ok();
    await db.crm_task_assignments.put(
      theirs
        ? { ...theirs, assignment_type: type, updated_at: now }
        : newAssignment(taskId, memberId, type, now),
    );
    await db.crm_tasks.update(taskId, { updated_at: now });
    return ok();
  });
}

async function unassign(db: CrmDatabase, assignmentId: string): Promise<Result> {
  return db.transaction('rw', [...TABLES], async () => {
    const row = await db.crm_task_assignments.get(assignmentId);
    if (!row || row.deleted === 1) return ok();
    if (row.assignment_type === 'owner')
      return fail('Choose another owner first: a task has exactly one owner');
    const now = nowIso();
    await db.crm_task_assignments.update(assignmentId, { deleted: 1, updated_at: now });
    await db.crm_tasks.update(row.task_id, { updated_at: now });
    return ok();
  });
}

/** Soft delete; restore() is the undo. Assignments stay, hidden with their task. */
async function remove(db: CrmDatabase, id: string): Promise<void> {
  await db.transaction('rw', [...TABLES], async () => {
    await liveTask(db, id);
    await db.crm_tasks.update(id, { deleted: 1, updated_at: nowIso() });
  });
}

async function restore(db: CrmDatabase, id: string): Promise<void> {
  await db.crm_tasks.update(id, { deleted: 0, updated_at: nowIso() });
}

export function createTaskService(db: CrmDatabase) {
  return {
    ...bindDb(db, { create, update, setOwner, assign, unassign, remove, restore }),
    complete: async (id: string) => (await setStatus(db, [id], 'done')) > 0,
    reopen: async (id: string) => (await setStatus(db, [id], 'open')) > 0,
    cancel: async (id: string) => (await setStatus(db, [id], 'cancelled')) > 0,
    /** Completes every live task among `ids` that is not done yet; returns how many. */
    bulkComplete: (ids: readonly string[]) => setStatus(db, ids, 'done'),
    reminders: createTaskReminders(db),
  };
}
