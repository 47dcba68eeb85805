/**
 * Model-based test of the conflict rules: two or three laptops work offline on the same
 * tasks, links and email addresses (owners handed over, roles given, links made and
 * removed, addresses added and removed), in random orders with clocks apart, syncing now and
 * then. Then every laptop syncs until nothing moves. Every laptop must hold the same rows,
 * equal to what a new laptop pulls from the server, with no conflict left and no pulled row
 * refused at any point.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { RelationshipType } from '../../src/renderer/src/domain/relationships/catalogue';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createRelationshipService } from '../../src/renderer/src/services/crm/relationships/relationship-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { fixAssignments, fixEmails, fixLinks } from '../../src/renderer/src/sync/conflict-rules';
import { fixesDue } from '../../src/renderer/src/sync/resolve';
import type { ResolvedConflict } from '../../src/renderer/src/sync/resolved-log';
import { readResolvedConflicts } from '../../src/renderer/src/sync/resolved-log';
import type { TestServer } from '../server/harness';
import { newWorkspace, startTestServer } from '../server/harness';
import type { Laptop } from './clients';
import { laptop, member, rowsOf } from './clients';
import { draft } from '../unit/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const RUNS = Number(process.env.SYNC_CONFLICT_RUNS ?? 12);
const replay = (): { seed?: number; path?: string } =>
  process.env.SYNC_CONFLICT_SEED
    ? { seed: Number(process.env.SYNC_CONFLICT_SEED), path: process.env.SYNC_CONFLICT_PATH }
    : {};
const MINUTE = 60_000;
const TABLES = [
  'crm_task_assignments',
  'customer_relationships',
  'customer_emails',
  'customer_profiles',
  'crm_tasks',
];
const ADDRESSES = ['ana@example.com', 'bo@example.com'];
const LINKS: RelationshipType[] = ['manages', 'works_with'];

type Step =
  | { kind: 'owner'; client: number; task: number; member: number }
  | { kind: 'role'; client: number; task: number; member: number; role: 'collaborator' | 'watcher' }
  | { kind: 'unassign'; client: number; pick: number }
  | { kind: 'link'; client: number; from: number; to: number; type: number }
  | { kind: 'unlink'; client: number; pick: number }
  | { kind: 'email'; client: number; customer: number; address: number }
  | { kind: 'unemail'; client: number; pick: number }
  | { kind: 'sync'; client: number };

const client = fc.integer({ min: 0, max: 2 });
const three = fc.integer({ min: 0, max: 2 });
const two = fc.integer({ min: 0, max: 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('owner' as const), client, task: two, member: three }),
  fc.record({
    kind: fc.constant('role' as const),
    client,
    task: two,
    member: three,
    role: fc.constantFrom('collaborator' as const, 'watcher' as const),
  }),
  fc.record({ kind: fc.constant('link' as const), client, from: three, to: three, type: two }),
  fc.record({ kind: fc.constant('unlink' as const), client, pick: fc.nat() }),
  fc.record({ kind: fc.constant('email' as const), client, customer: three, address: two }),
  fc.record({ kind: fc.constant('unemail' as const), client, pick: fc.nat() }),
  fc.record({ kind: fc.constant('sync' as const), client }),
);

/**
 * One task, roles only: owners handed over, roles given and removed, syncs between. Dense
 * enough for pages that bring a member's rows apart and for stale rows (a role promoted on one
 * laptop after another decided on its older value): the schedules where a fix made from a
 * partial view must be undone. (Kept apart from `stepArb` so reported seeds still replay.)
 */
const roleStepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('owner' as const),
      client,
      task: fc.constant(0),
      member: two,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('role' as const),
      client,
      task: fc.constant(0),
      member: two,
      role: fc.constantFrom('collaborator' as const, 'watcher' as const),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('unassign' as const), client, pick: fc.nat() }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), client }), weight: 3 },
);

type World = { memberIds: string[]; taskIds: string[]; customerIds: string[] };

async function seed(first: Laptop): Promise<World> {
  const members = ['Ana', 'Ben', 'Cy'].map((name) => member(name));
  await first.db.team_members.bulkAdd(members);
  const tasks = createTaskService(first.db);
  const taskIds: string[] = [];
  for (const title of ['Advance the show', 'Send the contract']) {
    const made = await tasks.create({ title, owner_id: members[0]!.id });
    if (!made.ok) throw new Error(made.error);
    taskIds.push(made.value);
  }
  const customerIds: string[] = [];
  for (const name of ['Ana', 'Bo', 'Cleo']) {
    const made = await createCustomerService(first.db).create(
      draft({ first_name: name, last_name: 'Model' }),
      'DE',
    );
    if (!made.ok) throw new Error(made.error.message);
    customerIds.push(made.value);
  }
  return { memberIds: members.map((m) => m.id), taskIds, customerIds };
}

async function nth<T extends { deleted: number }>(rows: Promise<T[]>, pick: number) {
  const live = (await rows).filter((row) => row.deleted === 0);
  return live.length === 0 ? undefined : live[pick % live.length];
}

/** One user action; refusals (a rule the app checks up front) are part of using the app. */
async function act(step: Step, db: CrmDatabase, world: World): Promise<void> {
  const tasks = createTaskService(db);
  switch (step.kind) {
    case 'owner':
      await tasks.setOwner(world.taskIds[step.task]!, world.memberIds[step.member]!);
      return;
    case 'role':
      await tasks.assign(world.taskIds[step.task]!, world.memberIds[step.member]!, step.role);
      return;
    case 'unassign': {
      const role = await nth(db.crm_task_assignments.toArray(), step.pick);
      if (role) await tasks.unassign(role.id);
      return;
    }
    case 'link':
      await createRelationshipService(db).link(
        world.customerIds[step.from]!,
        { type: LINKS[step.type]!, direction: 'forward' },
        world.customerIds[step.to]!,
      );
      return;
    case 'unlink': {
      const link = await nth(db.customer_relationships.toArray(), step.pick);
      if (link) await createRelationshipService(db).unlink(link.id);
      return;
    }
    case 'email':
      await createCustomerService(db).addEmail(
        world.customerIds[step.customer]!,
        ADDRESSES[step.address]!,
      );
      return;
    case 'unemail': {
      const email = await nth(db.customer_emails.toArray(), step.pick);
      if (email) await createCustomerService(db).removeEmail(email.id);
      return;
    }
    case 'sync':
      return;
  }
}

async function syncClean(side: Laptop): Promise<number> {
  const result = await side.sync({ batchSize: 4, pageSize: 3 });
  expect(result.rejected).toEqual([]);
  return result.pulled + result.pushed;
}

/** Every laptop syncs in turn until a whole round moves nothing. */
async function settle(laptops: Laptop[]): Promise<void> {
  for (let round = 0; round < 8; round += 1) {
    let moved = 0;
    for (const side of laptops) moved += await syncClean(side);
    if (round > 0 && moved === 0) return;
  }
  throw new Error('the laptops did not settle within 8 rounds');
}

async function state(db: CrmDatabase): Promise<Record<string, unknown>> {
  const entries = await Promise.all(TABLES.map(async (t) => [t, await rowsOf(db, t)] as const));
  return Object.fromEntries(entries);
}

/** The conflict rules find nothing left to fix in a laptop's data. */
async function conflictsLeft(db: CrmDatabase): Promise<number> {
  const claimed = <T>(rows: T[]) => rows.map((row) => ({ row, clocks: {} }));
  const profiles = await db.customer_profiles.toArray();
  const live = new Set(profiles.filter((p) => p.deleted === 0).map((p) => p.id));
  return (
    fixAssignments(claimed(await db.crm_task_assignments.toArray()), () => '').length +
    fixLinks(claimed(await db.customer_relationships.toArray()), () => '').length +
    fixEmails(
      claimed(await db.customer_emails.toArray()),
      (id) => live.has(id),
      () => '',
    ).length
  );
}

/**
 * Laptops that resolved one conflict (the same rule and fix clock) never contradicted each
 * other: no laptop dropped a row in favour of one that another laptop dropped in its favour
 * (directly or round a longer cycle). Deciding by arrival order, or by a claim one laptop did
 * not know, breaks this, and then both rows are tombstoned: the person loses the role, the
 * link or the address everywhere. A chain is fine: a laptop that saw rows A and B first keeps
 * B, and when C arrives later drops B for C, as a laptop that saw all three at once drops A
 * and B for C; only the "kept" each log names differs, never which rows stay.
 */
function contradictions(log: ResolvedConflict[]): string[] {
  const groups = new Map<string, ResolvedConflict[]>();
  for (const entry of log) {
    // A restore drops nothing: it gives back a row an earlier fix took.
    if (entry.rule === 'restored') continue;
    const key = `${entry.rule}/${entry.hlc}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.entries()].flatMap(([key, entries]) => {
    const keptFor = new Map<string, Set<string>>();
    for (const { row_id, kept_id } of entries)
      keptFor.set(row_id, (keptFor.get(row_id) ?? new Set()).add(kept_id));
    const reaches = (from: string, target: string, seen: Set<string>): boolean =>
      [...(keptFor.get(from) ?? [])].some(
        (next) => next === target || (!seen.has(next) && reaches(next, target, seen.add(next))),
      );
    return entries.some((entry) => reaches(entry.row_id, entry.row_id, new Set())) ? [key] : [];
  });
}

/** A member's live rows on a task, as `type` per row. */
async function rolesOf(db: CrmDatabase, taskId: string, memberId: string): Promise<string[]> {
  const rows = await db.crm_task_assignments.where('task_id').equals(taskId).toArray();
  return rows
    .filter((row) => row.member_id === memberId && row.deleted === 0)
    .map((row) => row.assignment_type);
}

async function together(token: string, laptops: Laptop[]) {
  await settle(laptops);
  const fresh = laptop(server, token);
  await syncClean(fresh);
  const expected = await state(fresh.db);
  for (const side of laptops) expect(await state(side.db)).toEqual(expected);
  for (const side of [...laptops, fresh]) expect(await fixesDue(side.db)).toEqual([]);
  return fresh;
}

describe('conflict rules, schedules that broke them', () => {
  it('a demotion made before a second role arrived: the member keeps a role (the known bug)', async () => {
    const { token } = await newWorkspace(server);
    const [x, y, z] = [laptop(server, token), laptop(server, token), laptop(server, token)];
    const world = await seed(x);
    await settle([x, y, z]);
    const [task, ben, cy] = [world.taskIds[0]!, world.memberIds[1]!, world.memberIds[2]!];
    // Offline, in this order: X makes Ben owner (A), Z makes Cy owner (C), Y (which saw neither)
    // gives Ben a collaborator role (B, the latest claim).
    expect((await createTaskService(x.db).setOwner(task, ben)).ok).toBe(true);
    expect((await createTaskService(z.db).setOwner(task, cy)).ok).toBe(true);
    expect((await createTaskService(y.db).assign(task, ben, 'collaborator')).ok).toBe(true);
    await syncClean(z);
    await syncClean(x); // sees A and C: demotes A before B exists anywhere
    await syncClean(y); // sees A, B and C at once: keeps A (an owner row), drops B
    await syncClean(x); // then B arrives where A already reads as a collaborator
    const fresh = await together(token, [x, y, z]);
    expect(await rolesOf(fresh.db, task, cy)).toEqual(['owner']);
    expect(await rolesOf(fresh.db, task, ben)).toEqual(['collaborator']);
  }, 60_000);

  it('a row a partial view dropped comes back when a later promotion outranks the other', async () => {
    const { token } = await newWorkspace(server);
    const [p, q] = [laptop(server, token), laptop(server, token)];
    const world = await seed(p);
    await settle([p, q]);
    const [task, ben] = [world.taskIds[0]!, world.memberIds[1]!];
    expect((await createTaskService(q.db).assign(task, ben, 'watcher')).ok).toBe(true);
    await syncClean(q); // W
    expect((await createTaskService(p.db).assign(task, ben, 'collaborator')).ok).toBe(true);
    expect((await createTaskService(q.db).setOwner(task, ben)).ok).toBe(true); // W becomes owner
    await syncClean(p); // sees W (a watcher still) and B: the later B stays, W goes
    await syncClean(p);
    const dropped = (await readResolvedConflicts(p.db)).map((entry) => entry.rule);
    expect(dropped).toEqual(['one-role-per-member']);
    await syncClean(q); // the promotion arrives after the fix: W, Ben's owner row, comes back
    expect((await readResolvedConflicts(q.db)).map((entry) => entry.rule).sort()).toEqual([
      'one-role-per-member',
      'restored',
    ]);
    const fresh = await together(token, [p, q]);
    expect(await rolesOf(fresh.db, task, ben)).toEqual(['owner']);
  }, 60_000);
});

type Tally = { fixes: number; restores: number };

/** One schedule: laptops act offline, sync now and then, then settle; checks the outcome. */
async function runSchedule(count: number, offsets: number[], steps: Step[], tally: Tally) {
  const { token } = await newWorkspace(server);
  const laptops = offsets.slice(0, count).map(() => laptop(server, token));
  const world = await seed(laptops[0]!);
  await settle(laptops);
  laptops.forEach((side, index) => side.setClockOffset(offsets[index]!));
  for (const step of steps) {
    const side = laptops[step.client % count]!;
    if (step.kind === 'sync') await syncClean(side);
    else await act(step, side.db, world);
  }
  laptops.forEach((side) => side.setClockOffset(0));
  await settle(laptops);
  const fresh = laptop(server, token);
  await syncClean(fresh);
  const expected = await state(fresh.db);
  for (const side of laptops) {
    expect(await state(side.db)).toEqual(expected);
    expect(await side.db.sync_outbox.count()).toBe(0);
  }
  // The server itself holds no conflict: a new laptop has nothing to fix.
  expect(await conflictsLeft(fresh.db)).toBe(0);
  // ...and holds what the people's claims give: no row a fix took that a rule keeps (both
  // rows of one member tombstoned would show here as a restore still due).
  for (const side of [...laptops, fresh])
    expect((await fixesDue(side.db)).map(({ fix }) => [fix.rule, fix.row.id])).toEqual([]);
  expect(await fresh.db.sync_outbox.count()).toBe(0);
  expect(await readResolvedConflicts(fresh.db)).toEqual([]);
  const log = (await Promise.all(laptops.map((side) => readResolvedConflicts(side.db)))).flat();
  expect(contradictions(log)).toEqual([]);
  tally.fixes += log.length;
  tally.restores += log.filter((entry) => entry.rule === 'restored').length;
  for (const side of [...laptops, fresh]) side.db.close();
}

const laptopsArb = fc.integer({ min: 2, max: 3 });
const offsetsArb = fc.array(fc.integer({ min: -30 * MINUTE, max: 4 * MINUTE }), {
  minLength: 3,
  maxLength: 3,
});
// Each run takes seconds: report the first failing schedule as found, unshrunk.
// SYNC_CONFLICT_SEED (and SYNC_CONFLICT_PATH) replay a schedule fast-check reported.
const options = () => ({ numRuns: RUNS, endOnFailure: true, ...replay() });

describe('conflict rules, model-based', () => {
  it('laptops working offline on the same records converge, with no conflict left', async () => {
    const tally = { fixes: 0, restores: 0 };
    await fc.assert(
      fc.asyncProperty(
        laptopsArb,
        offsetsArb,
        fc.array(stepArb, { minLength: 4, maxLength: 24 }),
        (count, offsets, steps) => runSchedule(count, offsets, steps, tally),
      ),
      options(),
    );
    // How many fixes these general schedules made. Not asserted: a fix is logged only by the
    // laptop that makes it (the others pull it made), so 12 runs make 0 to ~20 of them and a
    // run with none happened in CI. That the schedules reach the rules is asserted by the
    // role-dense property below (the same runSchedule) and the scripted schedules above.
    console.info(`conflict model: ${RUNS} runs, ${tally.fixes} fixes, ${tally.restores} restores`);
  }, 300_000);

  it('roles only, densely: fixes made from partial views are undone where the whole view differs', async () => {
    const tally = { fixes: 0, restores: 0 };
    await fc.assert(
      fc.asyncProperty(
        laptopsArb,
        // Clocks close together: a role changed after a fix elsewhere is later than the fix.
        fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: 3, maxLength: 3 }),
        fc.array(roleStepArb, { minLength: 12, maxLength: 32 }),
        (count, offsets, steps) => runSchedule(count, offsets, steps, tally),
      ),
      options(),
    );
    console.info(
      `conflict model, roles: ${RUNS} runs, ${tally.fixes} fixes, ${tally.restores} restores`,
    );
    expect(tally.fixes).toBeGreaterThan(0);
  }, 300_000);
});
