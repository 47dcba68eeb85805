import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { capturingDb, draft } from './helpers';

async function setup() {
  const db = await capturingDb();
  const tasks = createTaskService(db);
  const team = createTeamService(db);
  const customers = createCustomerService(db);
  const member = async (name: string) => {
    const result = await team.add(name);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };
  const customer = async (first_name: string) => {
    const result = await customers.create(draft({ first_name }), 'US');
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.value;
  };
  return { db, tasks, team, customers, member, customer };
}

async function liveRoles(db: CrmDatabase, taskId: string) {
  return (await db.crm_task_assignments.where('task_id').equals(taskId).toArray())
    .filter((row) => row.deleted === 0)
    .map((row) => [row.member_id, row.assignment_type])
    .sort();
}

describe('task service', () => {
  it('creates a task with its owner in one go, and counts it on the customer row', async () => {
    const { db, tasks, member, customer } = await setup();
    const ana = await member('Ana');
    const venue = await customer('Venue');
    const created = await tasks.create({
      title: '  Send   contract ',
      customer_id: venue,
      owner_id: ana,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await db.crm_tasks.get(created.value)).toMatchObject({
      title: 'Send contract',
      status: 'open',
    });
    expect(await liveRoles(db, created.value)).toEqual([[ana, 'owner']]);
    expect((await db.customers_crm_v.get(venue))?.open_task_count).toBe(1);

    await tasks.complete(created.value);
    const done = await db.crm_tasks.get(created.value);
    expect(done?.status).toBe('done');
    expect(done?.completed_at).not.toBeNull();
    expect((await db.customers_crm_v.get(venue))?.open_task_count).toBe(0);

    await tasks.reopen(created.value);
    expect(await db.crm_tasks.get(created.value)).toMatchObject({
      status: 'open',
      completed_at: null,
    });
    expect((await db.customers_crm_v.get(venue))?.open_task_count).toBe(1);

    // Moving the task to another customer updates both rows.
    const other = await customer('Other');
    await tasks.update(created.value, { customer_id: other });
    expect((await db.customers_crm_v.get(venue))?.open_task_count).toBe(0);
    expect((await db.customers_crm_v.get(other))?.open_task_count).toBe(1);
    await tasks.remove(created.value);
    expect((await db.customers_crm_v.get(other))?.open_task_count).toBe(0);
  });

  it('refuses empty titles, bad dates and deleted customers', async () => {
    const { tasks, customers, customer } = await setup();
    expect(await tasks.create({ title: '   ' })).toMatchObject({ ok: false });
    expect(await tasks.create({ title: 'x', due_at: 'soonish' })).toMatchObject({ ok: false });
    const gone = await customer('Gone');
    await customers.remove(gone);
    expect(await tasks.create({ title: 'x', customer_id: gone })).toMatchObject({
      ok: false,
      error: 'That customer no longer exists',
    });
  });

  it('keeps exactly one owner: a new owner replaces the old one, the owner cannot be removed', async () => {
    const { db, tasks, member } = await setup();
    const ana = await member('Ana');
    const bo = await member('Bo');
    const cy = await member('Cy');
    const created = await tasks.create({ title: 'Advance the show', owner_id: ana });
    if (!created.ok) throw new Error(created.error);
    const id = created.value;

    expect(await tasks.assign(id, bo, 'reviewer')).toEqual({ ok: true });
    expect(await tasks.assign(id, cy, 'watcher')).toEqual({ ok: true });
    expect(await liveRoles(db, id)).toEqual(
      [
        [ana, 'owner'],
        [bo, 'reviewer'],
        [cy, 'watcher'],
      ].sort(),
    );

    // The reviewer becomes owner: Ana's owner row goes, Bo has one role.
    expect(await tasks.assign(id, bo, 'owner')).toEqual({ ok: true });
    expect(await liveRoles(db, id)).toEqual(
      [
        [bo, 'owner'],
        [cy, 'watcher'],
      ].sort(),
    );

    const ownerRow = (await db.crm_task_assignments.where('task_id').equals(id).toArray()).find(
      (row) => row.deleted === 0 && row.assignment_type === 'owner',
    );
    expect(await tasks.unassign(ownerRow?.id ?? '')).toMatchObject({ ok: false });
    expect(await tasks.assign(id, bo, 'watcher')).toMatchObject({ ok: false });
  });

  it('refuses a type outside the set, at the service and at the data layer', async () => {
    const { db, tasks, member } = await setup();
    const ana = await member('Ana');
    const bo = await member('Bo');
    const created = await tasks.create({ title: 'Hold the date', owner_id: ana });
    if (!created.ok) throw new Error(created.error);
    expect(await tasks.assign(created.value, bo, 'boss' as never)).toMatchObject({ ok: false });

    const now = nowIso();
    const base = { task_id: created.value, created_at: now, updated_at: now, deleted: 0 as const };
    // Written straight to the table, as a sync pull or a script would.
    await expect(
      db.crm_task_assignments.add({
        ...base,
        id: newId(),
        member_id: bo,
        assignment_type: 'boss' as never,
      }),
    ).rejects.toThrow(/not an assignment type/);
    await expect(
      db.crm_task_assignments.add({
        ...base,
        id: newId(),
        member_id: bo,
        assignment_type: 'owner',
      }),
    ).rejects.toThrow(/exactly one owner/);
    // A refused write leaves nothing behind, not even in the outbox.
    expect(await liveRoles(db, created.value)).toEqual([[ana, 'owner']]);
    const outbox = await db.sync_outbox.where('table').equals('crm_task_assignments').count();
    expect(outbox).toBe(1);
  });

  it('bulk completes only live, unfinished tasks', async () => {
    const { db, tasks } = await setup();
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) {
      const created = await tasks.create({ title });
      if (created.ok) ids.push(created.value);
    }
    await tasks.complete(ids[0] ?? '');
    expect(await tasks.bulkComplete([...ids, 'missing'])).toBe(2);
    expect((await db.crm_tasks.toArray()).every((task) => task.status === 'done')).toBe(true);
  });

  it('claims each due reminder once', async () => {
    const { tasks } = await setup();
    const start = new Date('2026-05-01T09:00:00.000Z');
    await tasks.create({ title: 'Call back', due_at: '2026-05-01T09:30:00.000Z' });
    await tasks.create({ title: 'Was due before launch', due_at: '2026-05-01T08:30:00.000Z' });
    const now = new Date('2026-05-01T09:31:00.000Z');
    const [first, second] = await Promise.all([
      tasks.reminders.claimDue(now, start),
      tasks.reminders.claimDue(now, start),
    ]);
    expect([...(first ?? []), ...(second ?? [])].map((task) => task.title)).toEqual(['Call back']);
    expect(await tasks.reminders.claimDue(new Date('2026-05-01T10:00:00.000Z'), start)).toEqual([]);
  });
});

describe('team service', () => {
  it('renames, deactivates, and never deletes someone who owns tasks', async () => {
    const { db, tasks, team, member } = await setup();
    const ana = await member('Ana');
    const bo = await member('Bo');
    expect(await team.rename(ana, 'bo')).toMatchObject({ ok: false });
    expect(await team.rename(ana, 'Ana Ruiz')).toEqual({ ok: true });
    expect((await db.team_members.get(ana))?.name).toBe('Ana Ruiz');

    const created = await tasks.create({ title: 'Settle the show', owner_id: ana });
    if (!created.ok) throw new Error(created.error);
    await tasks.assign(created.value, bo, 'reviewer');
    expect(await team.remove(ana)).toMatchObject({
      ok: false,
      error: expect.stringContaining('owns 1 task'),
    });
    expect((await db.team_members.get(ana))?.deleted).toBe(0);

    await team.setActive(ana, false);
    expect((await db.team_members.get(ana))?.active).toBe(0);
    // Inactive members are not given new work.
    expect(await tasks.assign(created.value, ana, 'watcher')).toMatchObject({ ok: false });

    // A reviewer can go; their role goes with them.
    expect(await team.remove(bo)).toEqual({ ok: true });
    expect(await liveRoles(db, created.value)).toEqual([[ana, 'owner']]);
  });
});
