/**
 * The work around the demo's customers and deals: tasks a promoter's team would have open,
 * in progress and done (dated over the last weeks, so the reports' "tasks completed per week"
 * has something to show), and the links between contacts (who manages, represents or books
 * whom). Pure and deterministic: the same inputs give the same rows but their ids.
 */
import { WORK_END_HOUR, WORK_START_HOUR } from './demo-hours';
import { newId } from './ids';
import type {
  CrmTask,
  CrmTaskAssignment,
  CustomerRelationship,
  TaskPriority,
  TaskStatus,
} from './records';
import { canonicalLink, type RelationshipType } from './relationships/catalogue';

/** A demo customer; `createdAt` (the small demo's): no task on it is older. */
export type DemoWorkCustomer = { id: string; firstName: string; createdAt?: string };
export type DemoWorkDeal = {
  id: string;
  title: string;
  venue: string;
  status: string;
  owner_id: string | null;
};

type When =
  /** Due in `days` working days at `hour` (local time); negative is overdue. */
  | { due: number; hour: number }
  /** Done `daysAgo` days ago (a moment of office hours), due the day before it was done. */
  | { doneDaysAgo: number };

type Template = {
  /** A customer's first name, or a deal's title and venue (the task row shows the deal beside it). */
  title: (name: string, venue: string) => string;
  status: TaskStatus;
  priority: TaskPriority;
  when: When;
};

const CUSTOMER_TASKS: readonly Template[] = [
  {
    title: (n) => `Call ${n} back about VIP tickets`,
    status: 'open',
    priority: 'high',
    when: { due: 1, hour: 11 },
  },
  {
    title: (n) => `Send ${n} the presale link`,
    status: 'open',
    priority: 'normal',
    when: { due: 3, hour: 10 },
  },
  {
    title: (n) => `Follow up with ${n} on the group booking`,
    status: 'open',
    priority: 'normal',
    when: { due: -2, hour: 15 },
  },
  {
    title: (n) => `Confirm ${n}'s guest list spots`,
    status: 'in-progress',
    priority: 'normal',
    when: { due: 2, hour: 16 },
  },
  {
    title: (n) => `Ask ${n} how the last show went`,
    status: 'done',
    priority: 'low',
    when: { doneDaysAgo: 4 },
  },
  {
    title: (n) => `Record ${n}'s newsletter consent`,
    status: 'done',
    priority: 'normal',
    when: { doneDaysAgo: 11 },
  },
  {
    title: (n) => `Thank ${n} for the referral`,
    status: 'done',
    priority: 'low',
    when: { doneDaysAgo: 19 },
  },
  {
    title: (n) => `Invite ${n} to the season launch`,
    status: 'open',
    priority: 'low',
    when: { due: 8, hour: 12 },
  },
];

/** Deal tasks by the deal's stage: what a booker does next at that point. */
const DEAL_TASKS: Readonly<Record<string, readonly Template[]>> = {
  inquiry: [
    {
      title: (_, venue) => `Send the offer to ${venue}`,
      status: 'open',
      priority: 'high',
      when: { due: 1, hour: 14 },
    },
  ],
  hold: [
    {
      title: (_, venue) => `Ask ${venue} to extend the hold`,
      status: 'open',
      priority: 'normal',
      when: { due: 2, hour: 10 },
    },
  ],
  offer: [
    {
      title: () => 'Chase an answer on the offer',
      status: 'open',
      priority: 'normal',
      when: { due: -1, hour: 11 },
    },
  ],
  confirmed: [
    {
      title: () => 'Send the contract for signature',
      status: 'in-progress',
      priority: 'high',
      when: { due: 1, hour: 17 },
    },
    {
      title: () => 'Chase the deposit',
      status: 'open',
      priority: 'urgent',
      when: { due: -3, hour: 12 },
    },
  ],
  contracted: [
    {
      title: (_, venue) => `Send the rider and advance sheet to ${venue}`,
      status: 'open',
      priority: 'normal',
      when: { due: 4, hour: 10 },
    },
    {
      title: (_, venue) => `Book hotel rooms near ${venue}`,
      status: 'done',
      priority: 'normal',
      when: { doneDaysAgo: 6 },
    },
  ],
  played: [
    {
      title: (_, venue) => `Settle the night with ${venue}`,
      status: 'open',
      priority: 'high',
      when: { due: 0, hour: 16 },
    },
    {
      title: () => 'Pay the support act',
      status: 'done',
      priority: 'normal',
      when: { doneDaysAgo: 9 },
    },
  ],
  settled: [
    {
      title: () => 'File the settlement sheet',
      status: 'done',
      priority: 'low',
      when: { doneDaysAgo: 15 },
    },
  ],
};

/** The day `days` working days from `today` (negative: before), weekends skipped. */
export function addWorkingDays(today: Date, days: number): Date {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const step = days < 0 ? -1 : 1;
  let left = Math.abs(days);
  while (left > 0 || isWeekend(day)) {
    day.setDate(day.getDate() + step);
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

function isWeekend(day: Date): boolean {
  return day.getDay() === 0 || day.getDay() === 6;
}

/** Local `hour`:`minute` on `day`. */
function at(day: Date, hour: number, minute = 0): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute);
}

/** A demo task's dates, as instants: due, completed (done tasks) and created, in office hours. */
function taskTimes(when: When, today: Date) {
  if ('doneDaysAgo' in when) {
    const doneDay = addWorkingDays(today, -when.doneDaysAgo);
    const hour = WORK_START_HOUR + (when.doneDaysAgo % (WORK_END_HOUR - WORK_START_HOUR));
    return {
      due_at: at(addWorkingDays(doneDay, 1), 12).toISOString(),
      completed_at: at(doneDay, hour, (when.doneDaysAgo * 17) % 60).toISOString(),
      created_at: at(addWorkingDays(doneDay, -5), 10, 20).toISOString(),
    };
  }
  return {
    due_at: at(addWorkingDays(today, when.due), when.hour).toISOString(),
    completed_at: null,
    created_at: at(addWorkingDays(today, -Math.max(2, 6 - when.due)), 10, 40).toISOString(),
  };
}

function taskRow(
  template: Template,
  name: { name: string; venue: string },
  target: { customer_id: string | null; deal_id: string | null },
  today: Date,
  later = 0,
): CrmTask {
  const when =
    'due' in template.when ? { ...template.when, due: template.when.due + later } : template.when;
  const times = taskTimes(when, today);
  return {
    id: newId(),
    title: template.title(name.name, name.venue),
    description: '',
    due_at: times.due_at,
    priority: template.priority,
    status: template.status,
    customer_id: target.customer_id,
    deal_id: target.deal_id,
    completed_at: times.completed_at,
    created_at: times.created_at,
    updated_at: times.completed_at ?? times.created_at,
    deleted: 0,
  };
}

function assignment(task: CrmTask, memberId: string, type: CrmTaskAssignment['assignment_type']) {
  return {
    id: newId(),
    task_id: task.id,
    member_id: memberId,
    assignment_type: type,
    created_at: task.created_at,
    updated_at: task.created_at,
    deleted: 0 as const,
  };
}

/**
 * Tasks on the first customers (one template each) and on each deal (its stage's templates),
 * owned round the team (a deal's tasks by the deal's owner), every third with a collaborator.
 * No team: tasks without owner.
 */
export function demoTasks(input: {
  customers: readonly DemoWorkCustomer[];
  deals: readonly DemoWorkDeal[];
  memberIds: readonly string[];
  today: Date;
}): { tasks: CrmTask[]; assignments: CrmTaskAssignment[] } {
  const { customers, deals, memberIds, today } = input;
  const tasks: CrmTask[] = [];
  const assignments: CrmTaskAssignment[] = [];
  const own = (task: CrmTask, owner: string | null | undefined, n: number) => {
    tasks.push(task);
    if (!owner) return;
    assignments.push(assignment(task, owner, 'owner'));
    const other = memberIds[(n + 1) % memberIds.length];
    if (n % 3 === 2 && other && other !== owner)
      assignments.push(assignment(task, other, 'collaborator'));
  };
  CUSTOMER_TASKS.forEach((template, n) => {
    if (customers.length === 0) return;
    const created = taskTimes(template.when, today).created_at;
    // The n-th seventh customer, or the nearest before it that was there when the task was
    // made (nothing happens to a customer before it was created).
    const start = (n * 7) % customers.length;
    let customer = customers[start]!;
    for (let back = 0; back < customers.length; back += 1) {
      const candidate = customers[(start - back + customers.length) % customers.length]!;
      if (!candidate.createdAt || candidate.createdAt <= created) {
        customer = candidate;
        break;
      }
    }
    const task = taskRow(
      template,
      { name: customer.firstName, venue: '' },
      { customer_id: customer.id, deal_id: null },
      today,
    );
    own(task, memberIds[n % memberIds.length], n);
  });
  deals.forEach((deal, n) => {
    for (const template of DEAL_TASKS[deal.status] ?? []) {
      // Deals at the same stage are not all due the same day: a third overdue, not all.
      const task = taskRow(
        template,
        { name: deal.title, venue: deal.venue },
        { customer_id: null, deal_id: deal.id },
        today,
        n % 3,
      );
      own(task, deal.owner_id ?? memberIds[n % memberIds.length], tasks.length);
    }
  });
  return { tasks, assignments };
}

/** Who is linked to whom among the demo's people, by position, with a note. */
const LINKS: readonly { from: number; type: RelationshipType; to: number; note: string }[] = [
  { from: 1, type: 'manages', to: 2, note: 'Tour manager since 2024' },
  { from: 1, type: 'manages', to: 5, note: '' },
  { from: 3, type: 'represents', to: 2, note: 'Agent for Europe' },
  { from: 3, type: 'represents', to: 8, note: '' },
  { from: 4, type: 'books', to: 2, note: 'Booked the spring tour' },
  { from: 6, type: 'works_with', to: 4, note: 'Same promoter collective' },
  { from: 7, type: 'referred', to: 9, note: 'Met at the festival' },
  { from: 10, type: 'member_of', to: 11, note: 'Drummer' },
  { from: 12, type: 'member_of', to: 11, note: 'Singer' },
  { from: 13, type: 'books', to: 11, note: '' },
];

export function demoRelationships(
  customers: readonly DemoWorkCustomer[],
  now: string,
): CustomerRelationship[] {
  return LINKS.flatMap((link) => {
    const from = customers[link.from];
    const to = customers[link.to];
    if (!from || !to) return [];
    const stored = canonicalLink(from.id, { type: link.type, direction: 'forward' }, to.id);
    return [
      {
        id: newId(),
        from_customer_id: stored.from,
        to_customer_id: stored.to,
        type: stored.type,
        note: link.note,
        created_at: now,
        updated_at: now,
        deleted: 0 as const,
      },
    ];
  });
}

/** "Load demo data"'s message: what it added, and whose the customers are. */
/** What "Load demo data" added, for its message. */
export type DemoLoaded = {
  teamAdded: boolean;
  customers: number;
  deals: number;
  tasks: number;
  relationships: number;
};

export function demoLoadedMessage(loaded: DemoLoaded): string {
  const parts = [`${loaded.customers} demo customers`];
  if (loaded.deals > 0) parts.push(`${loaded.deals} deals`);
  if (loaded.tasks > 0) parts.push(`${loaded.tasks} tasks`);
  if (loaded.relationships > 0) parts.push(`${loaded.relationships} relationships`);
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return loaded.teamAdded
    ? `Loaded ${list}, with a three-person team`
    : `Loaded ${list}, owned by your team`;
}
