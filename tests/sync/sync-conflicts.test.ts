/**
 * Conflicts the local rules would refuse on pull resolve themselves, the same way on every
 * laptop whichever offline change reaches the server first, and the user sees what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createRelationshipService } from '../../src/renderer/src/services/crm/relationships/relationship-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  readProposedDuplicates,
  readResolvedConflicts,
} from '../../src/renderer/src/sync/resolved-log';
import type { TestServer } from '../server/harness';
import { newWorkspace, startTestServer } from '../server/harness';
import type { Laptop } from './clients';
import { laptop, member, rowsOf } from './clients';
import { draft, emailDraft } from '../unit/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function pair() {
  const { token } = await newWorkspace(server);
  return { a: laptop(server, token), b: laptop(server, token) };
}

/** Syncs in turn until nothing moves, and proves nothing was refused on the way. */
async function settle(...laptops: Laptop[]): Promise<void> {
  for (let round = 0; round < 3; round += 1)
    for (const side of laptops) expect((await side.sync()).rejected).toEqual([]);
  for (const side of laptops) expect(await side.db.sync_outbox.count()).toBe(0);
}

async function customer(db: CrmDatabase, first: string, email?: string): Promise<string> {
  const made = await createCustomerService(db).create(
    draft({ first_name: first, last_name: 'Test', emails: email ? [emailDraft(email, true)] : [] }),
    'DE',
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

async function liveRoles(db: CrmDatabase, taskId: string): Promise<string[]> {
  const rows = await db.crm_task_assignments.where('task_id').equals(taskId).toArray();
  const names = new Map((await db.team_members.toArray()).map((m) => [m.id, m.name]));
  return rows
    .filter((row) => row.deleted === 0)
    .map((row) => `${names.get(row.member_id)}:${row.assignment_type}`)
    .sort();
}

describe.each([
  ['the earlier change reaches the server first', false],
  ['the later change reaches the server first', true],
])('conflicts resolve by rule (%s)', (_, laterFirst) => {
  it('two owners set offline: the later assignment wins, the other becomes a collaborator', async () => {
    const { a, b } = await pair();
    const [ana, ben, cy] = [member('Ana'), member('Ben'), member('Cy')];
    await a.db.team_members.bulkAdd([ana, ben, cy]);
    const made = await createTaskService(a.db).create({ title: 'Hold the date', owner_id: ana.id });
    if (!made.ok) throw new Error(made.error);
    await settle(a, b);
    // Offline: A hands the task to Ben, then (a second later) B hands it to Cy.
    a.setClockOffset(0);
    expect((await createTaskService(a.db).setOwner(made.value, ben.id)).ok).toBe(true);
    b.setClockOffset(1000);
    expect((await createTaskService(b.db).setOwner(made.value, cy.id)).ok).toBe(true);
    await settle(...(laterFirst ? [b, a] : [a, b]));
    for (const side of [a, b])
      expect(await liveRoles(side.db, made.value)).toEqual(['Ben:collaborator', 'Cy:owner']);
    expect(await rowsOf(a.db, 'crm_task_assignments')).toEqual(
      await rowsOf(b.db, 'crm_task_assignments'),
    );
    // Whoever resolved it can see what happened, and why.
    const seen = [...(await readResolvedConflicts(a.db)), ...(await readResolvedConflicts(b.db))];
    expect(seen.map((entry) => entry.rule)).toContain('later-owner-wins');
    expect(seen.find((e) => e.rule === 'later-owner-wins')?.member_ids).toEqual([ben.id, cy.id]);
  });

  it('the same relationship made on two laptops: one is kept, the other tombstoned', async () => {
    const { a, b } = await pair();
    const ana = await customer(a.db, 'Ana');
    const bo = await customer(a.db, 'Bo');
    await settle(a, b);
    const role = { type: 'manages', direction: 'forward' } as const;
    b.setClockOffset(1000);
    expect((await createRelationshipService(a.db).link(ana, role, bo)).ok).toBe(true);
    expect((await createRelationshipService(b.db).link(ana, role, bo)).ok).toBe(true);
    await settle(...(laterFirst ? [b, a] : [a, b]));
    for (const side of [a, b]) {
      const links = await side.db.customer_relationships.toArray();
      expect(links).toHaveLength(2);
      expect(links.filter((link) => link.deleted === 0)).toHaveLength(1);
      // The one made first (the smaller, time-ordered id) is the one kept.
      const kept = links.find((link) => link.deleted === 0);
      expect(kept?.id).toBe(links.map((link) => link.id).sort()[0]);
    }
    expect(await rowsOf(a.db, 'customer_relationships')).toEqual(
      await rowsOf(b.db, 'customer_relationships'),
    );
  });

  it('one email on two customers: the later claim keeps it, both proposed as duplicates', async () => {
    const { a, b } = await pair();
    const early = await customer(a.db, 'Ana', 'same@example.com');
    b.setClockOffset(1000);
    const late = await customer(b.db, 'Bea', 'same@example.com');
    await settle(...(laterFirst ? [b, a] : [a, b]));
    for (const side of [a, b]) {
      const list = await side.db.customers_crm_v.toArray();
      const byId = new Map(list.map((row) => [row.customer_id, row]));
      expect(byId.get(late)?.primary_email).toBe('same@example.com');
      expect(byId.get(early)?.primary_email ?? '').toBe('');
      const live = (await side.db.customer_emails.toArray()).filter((e) => e.deleted === 0);
      expect(live.map((email) => email.customer_id)).toEqual([late]);
    }
    expect(await rowsOf(a.db, 'customer_emails')).toEqual(await rowsOf(b.db, 'customer_emails'));
    const proposed = [
      ...(await readProposedDuplicates(a.db)),
      ...(await readProposedDuplicates(b.db)),
    ];
    expect(proposed[0]).toMatchObject({
      customer_ids: [early, late].sort(),
      reason: 'same-email',
      address: 'same@example.com',
      kept_by: late,
    });
    // Each laptop tells its user, whichever of them made the fix: the pair to merge, and the
    // rule in "Resolved on sync" (the laptop whose customer lost the address too).
    for (const side of [a, b]) {
      expect(await readProposedDuplicates(side.db)).toMatchObject([
        { customer_ids: [early, late].sort(), kept_by: late },
      ]);
      expect((await readResolvedConflicts(side.db)).map((entry) => entry.rule)).toEqual([
        'later-email-claim',
      ]);
    }
  });
});

describe('one email on two customers, the fix already on the server', () => {
  it('the earlier laptop takes the later claim and the fix in one page: nothing refused, the same on both', async () => {
    const { a, b } = await pair();
    await settle(a, b);
    // Sync on before the offline edits: A's claim is on the server first.
    const early = await customer(a.db, 'Ana', 'same@example.com');
    b.setClockOffset(1000);
    const late = await customer(b.db, 'Bea', 'same@example.com');
    expect((await a.sync()).rejected).toEqual([]);
    // B sends its claim, takes A's, fixes it, and sends the fix before A pulls again: A's
    // next page holds B's address and the tombstone of its own (the page's one write).
    expect((await b.sync()).rejected).toEqual([]);
    expect((await b.sync()).rejected).toEqual([]);
    expect((await a.sync()).rejected).toEqual([]);
    await settle(a, b);
    for (const side of [a, b]) {
      const live = (await side.db.customer_emails.toArray()).filter((e) => e.deleted === 0);
      expect(live.map((email) => email.customer_id)).toEqual([late]);
    }
    expect(await rowsOf(a.db, 'customer_emails')).toEqual(await rowsOf(b.db, 'customer_emails'));
    // A did not undo the fix ("Given back"): it applied no rule, and its user is told of B's
    // fix, with the two customers proposed as duplicates.
    expect((await readResolvedConflicts(a.db)).map((entry) => entry.rule)).toEqual([
      'later-email-claim',
    ]);
    expect((await readResolvedConflicts(a.db))[0]?.customer_ids).toEqual([early, late]);
    expect(await readProposedDuplicates(a.db)).toMatchObject([
      { customer_ids: [early, late].sort(), kept_by: late },
    ]);
    expect(early).not.toBe(late);
  });

  it('two owners: the earlier laptop takes the later owner and the demotion in one page', async () => {
    const { a, b } = await pair();
    const [ana, ben, cy] = [member('Ana'), member('Ben'), member('Cy')];
    await a.db.team_members.bulkAdd([ana, ben, cy]);
    const made = await createTaskService(a.db).create({ title: 'Hold the date', owner_id: ana.id });
    if (!made.ok) throw new Error(made.error);
    await settle(a, b);
    expect((await createTaskService(a.db).setOwner(made.value, ben.id)).ok).toBe(true);
    b.setClockOffset(1000);
    expect((await createTaskService(b.db).setOwner(made.value, cy.id)).ok).toBe(true);
    expect((await a.sync()).rejected).toEqual([]);
    expect((await b.sync()).rejected).toEqual([]);
    expect((await b.sync()).rejected).toEqual([]);
    expect((await a.sync()).rejected).toEqual([]);
    await settle(a, b);
    for (const side of [a, b])
      expect(await liveRoles(side.db, made.value)).toEqual(['Ben:collaborator', 'Cy:owner']);
    expect(await rowsOf(a.db, 'crm_task_assignments')).toEqual(
      await rowsOf(b.db, 'crm_task_assignments'),
    );
    // A, whose owner was made a collaborator by B's fix, is told: Ben lost the role to Cy.
    const told = await readResolvedConflicts(a.db);
    expect(told.map((entry) => [entry.rule, entry.member_ids])).toEqual([
      ['later-owner-wins', [ben.id, cy.id]],
    ]);
  });
});
