/** Reads behind the task screens: tasks with their people and targets, ready to show. */
import type { CrmDatabase } from '../../../db/database';
import type { AssignmentType, CrmTask, TeamMember } from '../../../domain/records';
import { compareAssignments } from '../../../domain/tasks/assignments';
import { isOpenStatus } from '../../../domain/tasks/task-groups';
import { foldText } from '../../../domain/text-fold';

export type TaskPerson = {
  id: string;
  member_id: string;
  name: string;
  active: boolean;
  assignment_type: AssignmentType;
};

/** A task with the names of what it is attached to (cheap: no assignments read). */
export type TaskListItem = CrmTask & {
  /** null when the task has no customer, or the customer was deleted. */
  customerName: string | null;
  dealTitle: string | null;
};

export type TaskView = TaskListItem & { people: TaskPerson[] };

export type TaskTarget = { customerId: string } | { dealId: string } | null;

async function withTargets(db: CrmDatabase, tasks: CrmTask[]): Promise<TaskListItem[]> {
  const customerIds = [
    ...new Set(tasks.map((t) => t.customer_id).filter((id): id is string => !!id)),
  ];
  const dealIds = [...new Set(tasks.map((t) => t.deal_id).filter((id): id is string => !!id))];
  const [rows, deals] = await Promise.all([
    db.customers_crm_v.bulkGet(customerIds),
    db.event_deals.bulkGet(dealIds),
  ]);
  const customerName = new Map(
    rows.flatMap((row) => (row ? [[row.customer_id, row.display_name]] : [])),
  );
  const dealTitle = new Map(
    deals.flatMap((deal) => (deal && deal.deleted === 0 ? [[deal.id, deal.title]] : [])),
  );
  return tasks.map((task) => ({
    ...task,
    customerName: task.customer_id ? (customerName.get(task.customer_id) ?? null) : null,
    dealTitle: task.deal_id ? (dealTitle.get(task.deal_id) ?? null) : null,
  }));
}

/** The people on each of these tasks (live roles of members not deleted), owner first. */
export async function readPeople(
  db: CrmDatabase,
  taskIds: readonly string[],
): Promise<Map<string, TaskPerson[]>> {
  // Every asked-for task gets an entry (maybe empty): "no people" differs from "not read yet".
  const peopleByTask = new Map<string, TaskPerson[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return peopleByTask;
  const [assignments, members] = await Promise.all([
    db.crm_task_assignments
      .where('task_id')
      .anyOf([...taskIds])
      .toArray(),
    db.team_members.toArray(),
  ]);
  const memberById = new Map<string, TeamMember>(members.map((m) => [m.id, m]));
  for (const row of assignments) {
    if (row.deleted === 1) continue;
    const member = memberById.get(row.member_id);
    if (!member || member.deleted === 1) continue;
    const list = peopleByTask.get(row.task_id) ?? [];
    list.push({
      id: row.id,
      member_id: row.member_id,
      name: member.name,
      active: member.active === 1,
      assignment_type: row.assignment_type,
    });
    peopleByTask.set(row.task_id, list);
  }
  for (const list of peopleByTask.values()) list.sort(compareAssignments);
  return peopleByTask;
}

/**
 * Roles by task, for the assignee and role filters only: by the member's index when a
 * member is chosen, else one scan. The unfiltered list never pays for this.
 */
export async function readRoles(
  db: CrmDatabase,
  memberId: string | null,
): Promise<Map<string, { member_id: string; assignment_type: AssignmentType }[]>> {
  const rows = memberId
    ? await db.crm_task_assignments.where('member_id').equals(memberId).toArray()
    : await db.crm_task_assignments.toArray();
  const byTask = new Map<string, { member_id: string; assignment_type: AssignmentType }[]>();
  for (const row of rows) {
    if (row.deleted === 1) continue;
    byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row]);
  }
  return byTask;
}

async function decorate(db: CrmDatabase, tasks: CrmTask[]): Promise<TaskView[]> {
  if (tasks.length === 0) return [];
  const [items, people] = await Promise.all([
    withTargets(db, tasks),
    readPeople(
      db,
      tasks.map((task) => task.id),
    ),
  ]);
  return items.map((task) => ({ ...task, people: people.get(task.id) ?? [] }));
}

/** Every live task with its customer's and deal's names; people are read per visible row. */
export async function readAllTasks(db: CrmDatabase): Promise<TaskListItem[]> {
  // toArray() then filter: Dexie's filter() walks a cursor, several times slower than getAll.
  const tasks = (await db.crm_tasks.toArray()).filter((task) => task.deleted === 0);
  return withTargets(db, tasks);
}

export async function readTasksFor(db: CrmDatabase, target: TaskTarget): Promise<TaskView[]> {
  if (!target) return [];
  const tasks =
    'customerId' in target
      ? await db.crm_tasks.where('customer_id').equals(target.customerId).toArray()
      : await db.crm_tasks.where('deal_id').equals(target.dealId).toArray();
  return decorate(
    db,
    tasks.filter((task) => task.deleted === 0),
  );
}

export async function readTask(db: CrmDatabase, id: string): Promise<TaskView | null> {
  const task = await db.crm_tasks.get(id);
  if (!task || task.deleted === 1) return null;
  const [view] = await decorate(db, [task]);
  return view ?? null;
}

/** Open tasks past their due time (tests; the navigation uses `readOpenDueTimes`). */
export async function countOverdue(db: CrmDatabase, now: Date): Promise<number> {
  return countDueBefore(await readOpenDueTimes(db), now.getTime());
}

/** Tasks per read of `readOpenDueTimes`: one read's rows are decoded in one main-thread task. */
export const OPEN_DUE_PAGE = 2_000;

/**
 * The due times (ms) of the live open tasks that have one, ascending: the navigation's
 * overdue count at any moment is `countDueBefore(times, now)`, so the clock's tick (every
 * 15 s) reads nothing and only a write to the tasks reads them again. Read by primary key in
 * pages of `page` rows, each its own request: the badge read every task due before now in
 * one read through the `due_at` index every 15 s, and at 100,000 tasks that read, its
 * decoding and a live query noting every key it returned held the window for 0.4-2 s each
 * time (docs/reports.md, "A million customers, the window kept responsive"). A read by
 * primary key range is noted by a live query as its range only (an index range: every key).
 */
export async function readOpenDueTimes(
  db: CrmDatabase,
  page = OPEN_DUE_PAGE,
  onPage?: (rows: number) => void,
): Promise<Float64Array> {
  const due: number[] = [];
  let after: string | null = null;
  for (;;) {
    const from = after;
    // An explicit read transaction per page: a live query's cache keeps (and deep-clones on
    // every answer) what implicit reads return, 2,000 tasks a page here; a write to the tasks
    // waits for one page at most.
    const rows: CrmTask[] = await db.transaction('r', db.crm_tasks, () =>
      (from === null ? db.crm_tasks.orderBy(':id') : db.crm_tasks.where(':id').above(from))
        .limit(page)
        .toArray(),
    );
    onPage?.(rows.length);
    for (const task of rows) {
      // Overdue at some moment: live, open, with a due time (isOverdue).
      if (task.deleted !== 0 || task.due_at === null || !isOpenStatus(task.status)) continue;
      const ms = new Date(task.due_at).getTime();
      if (!Number.isNaN(ms)) due.push(ms);
    }
    if (rows.length < page) break;
    after = rows[rows.length - 1]!.id;
  }
  return Float64Array.from(due).sort();
}

/** How many of the ascending `times` are before `nowMs` (a binary search). */
export function countDueBefore(times: Float64Array, nowMs: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! < nowMs) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Deals a task can point at, by title (read-only; deals are managed on the deal pages). */
export async function readDealOptions(db: CrmDatabase): Promise<{ id: string; title: string }[]> {
  const deals = await db.event_deals.toArray();
  return deals
    .filter((deal) => deal.deleted === 0)
    .map((deal) => ({ id: deal.id, title: deal.title || 'Untitled deal' }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Live tasks whose title contains every word of `search` (accents and case folded), for the palette. */
export async function searchTaskOptions(
  db: CrmDatabase,
  search: string,
  limit = 6,
): Promise<{ id: string; title: string; status: CrmTask['status'] }[]> {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const tasks = (await db.crm_tasks.toArray()).filter((task) => {
    const title = foldText(task.title);
    return task.deleted === 0 && words.every((word) => title.includes(word));
  });
  return tasks
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((task) => ({ id: task.id, title: task.title, status: task.status }));
}
