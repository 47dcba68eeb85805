// Merges and sync: laptop A merges two customers while laptop B, offline, logs a touchpoint
// and adds a task on the customer A merged away. After they sync, both laptops hold the same
// rows, and B's edits sit on the survivor. A "not a duplicate" made on one reaches the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DuplicateDetector } from '../../src/renderer/src/services/crm/duplicates/detector';
import { dismissPair } from '../../src/renderer/src/services/crm/duplicates/dismissals';
import { mergeCustomers } from '../../src/renderer/src/services/crm/duplicates/merge-service';
import { readProposedPairs } from '../../src/renderer/src/services/crm/duplicates/proposed-pairs';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import type { TestServer } from '../server/harness';
import { newWorkspace, startTestServer } from '../server/harness';
import { draft, emailDraft, phoneDraft } from '../unit/helpers';
import { laptop, rowsOf } from './clients';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const SYNCED = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'duplicate_dismissals',
];

async function twoLaptopsWithAPair() {
  const { token } = await newWorkspace(server);
  const a = laptop(server, token);
  const b = laptop(server, token);
  const customers = createCustomerService(a.db);
  const made = await Promise.all([
    customers.create(
      draft({
        first_name: 'Ana',
        last_name: 'Andersson',
        emails: [emailDraft('ana@agency.se', true)],
        phones: [phoneDraft('+46 70 123 45 67', true)],
      }),
      'SE',
    ),
    customers.create(
      draft({
        first_name: 'Ana',
        last_name: 'Anderson',
        emails: [emailDraft('ana@gmail.com', true)],
        phones: [phoneDraft('+46 70 123 45 67', true)],
      }),
      'SE',
    ),
  ]);
  const [survivor, merged] = made.map((result) => (result.ok ? result.value : '')).sort();
  await a.sync();
  await b.sync();
  return { a, b, survivor: survivor as string, merged: merged as string };
}

async function converge(...laptops: { sync(): Promise<unknown> }[]) {
  // Rounds: the redirect a pull causes is pushed on the next sync, and pulled on the one after.
  for (let round = 0; round < 4; round += 1) for (const l of laptops) await l.sync();
}

describe('merges across laptops', () => {
  it('an edit of a merged-away customer made offline lands on the survivor, on both laptops', async () => {
    const { a, b, survivor, merged } = await twoLaptopsWithAPair();
    expect((await mergeCustomers(a.db, { survivorId: survivor, otherIds: [merged] })).ok).toBe(
      true,
    );
    // B has not seen the merge: it logs a call and adds a task on the merged-away customer.
    await createCustomerService(b.db).addTouchpoint(merged, {
      kind: 'call',
      occurred_at: '2026-12-06T09:00:00.000Z',
      summary: 'Confirmed the rider',
      value: 0,
    });
    await createTaskService(b.db).create({ title: 'Send the contract', customer_id: merged });
    await converge(a, b);

    for (const l of [a, b]) {
      const touches = await l.db.customer_engagement_metrics.toArray();
      expect(touches.filter((t) => t.deleted === 0).map((t) => t.customer_id)).toEqual([survivor]);
      const tasks = await l.db.crm_tasks.toArray();
      expect(tasks.map((t) => t.customer_id)).toEqual([survivor]);
      expect(await l.db.customer_profiles.get(merged)).toMatchObject({
        deleted: 1,
        merged_into: survivor,
      });
      expect((await l.db.customers_crm_v.toArray()).map((row) => row.customer_id)).toEqual([
        survivor,
      ]);
    }
    for (const table of SYNCED)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
  });

  it('the same, when B pushed its edit before A merged', async () => {
    const { a, b, survivor, merged } = await twoLaptopsWithAPair();
    await createTaskService(b.db).create({ title: 'Call back', customer_id: merged });
    await b.sync();
    expect((await mergeCustomers(a.db, { survivorId: survivor, otherIds: [merged] })).ok).toBe(
      true,
    );
    await converge(a, b);
    for (const l of [a, b])
      expect((await l.db.crm_tasks.toArray()).map((t) => t.customer_id)).toEqual([survivor]);
    for (const table of SYNCED)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
  });

  it('profile fields, an email and a task added offline to a merged-away customer land on the survivor', async () => {
    const { a, b, survivor, merged } = await twoLaptopsWithAPair();
    expect((await mergeCustomers(a.db, { survivorId: survivor, otherIds: [merged] })).ok).toBe(
      true,
    );
    const onB = createCustomerService(b.db);
    await onB.updateProfile(merged, {
      date_of_birth: '1991-05-06',
      notes: 'Prefers aisle seats',
      tags: ['vip'],
    });
    expect((await onB.addContactPoint('email', merged, 'ana.new@example.se')).ok).toBe(true);
    await createTaskService(b.db).create({ title: 'Send the contract', customer_id: merged });
    await converge(a, b);

    for (const l of [a, b]) {
      const profile = await l.db.customer_profiles.get(survivor);
      expect(profile?.date_of_birth).toBe('1991-05-06');
      expect(profile?.notes).toContain('Prefers aisle seats');
      expect(profile?.tags).toContain('vip');
      const emails = (await l.db.customer_emails.toArray()).filter((e) => e.deleted === 0);
      expect(emails.find((e) => e.address === 'ana.new@example.se')?.customer_id).toBe(survivor);
      expect((await l.db.crm_tasks.toArray()).map((t) => t.customer_id)).toEqual([survivor]);
      expect(await l.db.customer_profiles.get(merged)).toMatchObject({ deleted: 1 });
      expect(await l.db.sync_outbox.count()).toBe(0);
    }
    for (const table of SYNCED)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
  });

  it("a later edit of the survivor's own field keeps its value (field clocks decide)", async () => {
    const { a, b, survivor, merged } = await twoLaptopsWithAPair();
    expect((await mergeCustomers(a.db, { survivorId: survivor, otherIds: [merged] })).ok).toBe(
      true,
    );
    await a.sync();
    // B, offline, renames the merged-away customer; then A renames the survivor, later.
    await createCustomerService(b.db).updateProfile(merged, { first_name: 'Anna' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createCustomerService(a.db).updateProfile(survivor, { first_name: 'Annie' });
    await converge(b, a);
    for (const l of [a, b])
      expect((await l.db.customer_profiles.get(survivor))?.first_name).toBe('Annie');
    for (const table of SYNCED)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
  });

  it('proposed duplicates (one email claimed on two laptops) are listed, and dismissed on both', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const b = laptop(server, token);
    const make = async (db: typeof a.db, first: string) => {
      const made = await createCustomerService(db).create(
        draft({
          first_name: first,
          last_name: 'Lund',
          emails: [emailDraft('same@example.se', true)],
        }),
        'SE',
      );
      return made.ok ? made.value : '';
    };
    const early = await make(a.db, 'Erik');
    b.setClockOffset(1000);
    const late = await make(b.db, 'Lisa');
    await converge(a, b);
    const listed = [...(await readProposedPairs(a.db)), ...(await readProposedPairs(b.db))];
    expect(listed[0]).toMatchObject({ address: 'same@example.se', keptBy: late });
    expect([listed[0]?.a, listed[0]?.b]).toEqual([early, late].sort());
    await dismissPair(a.db, early, late);
    await converge(a, b);
    expect(await readProposedPairs(a.db)).toEqual([]);
    expect(await readProposedPairs(b.db)).toEqual([]);
  });

  it('"not a duplicate" said on one laptop is heard on the other', async () => {
    const { a, b, survivor, merged } = await twoLaptopsWithAPair();
    const onB = new DuplicateDetector(b.db);
    await onB.build();
    expect(onB.pairs().length).toBe(1);
    await dismissPair(a.db, merged, survivor);
    await converge(a, b);
    await onB.reloadDismissals();
    expect(onB.pairs()).toEqual([]);
  });
});
