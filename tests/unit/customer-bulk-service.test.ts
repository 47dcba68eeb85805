import { describe, expect, it } from 'vitest';
import { createCustomerBulkService } from '../../src/renderer/src/services/crm/customers/customer-bulk-service';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { draft, emailDraft, freshDb } from './helpers';

async function setup(count = 3) {
  const db = freshDb();
  const customers = createCustomerService(db);
  const bulk = createCustomerBulkService(db);
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const created = await customers.create(
      draft({
        first_name: `Person${index}`,
        emails: [emailDraft(`p${index}@example.com`)],
        tags: index === 0 ? ['vip'] : [],
      }),
      'US',
    );
    if (!created.ok) throw new Error('setup failed');
    ids.push(created.value);
  }
  return { db, customers, bulk, ids };
}

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
};

describe('customer bulk edits', () => {
  it('tags every selected customer once and one undo takes the tag off all of them', async () => {
    const { db, bulk, ids } = await setup();
    const receipt = unwrap(await bulk.apply(ids, { kind: 'tag', tag: '  VIP ' }));
    // Person0 already had "vip": it is left as it was and not part of the undo.
    expect(receipt.changed).toHaveLength(2);
    expect(receipt.unchanged).toBe(1);
    const tagged = (await db.customers_crm_v.bulkGet(ids)).filter((row) =>
      row?.tags.includes('VIP'),
    ).length;
    expect(tagged).toBe(2);
    expect((await db.customer_profiles.get(ids[0]!))?.tags).toEqual(['vip']);

    expect(unwrap(await bulk.undo(receipt))).toEqual({ restored: 2, spared: 0 });
    for (const id of ids.slice(1)) expect((await db.customer_profiles.get(id))?.tags).toEqual([]);
    expect((await db.customer_profiles.get(ids[0]!))?.tags).toEqual(['vip']);
  });

  it('untags, sets the stage and the owner, each undone whole', async () => {
    const { db, bulk, ids } = await setup();
    const team = createTeamService(db);
    const member = unwrap(await team.add('Ana Lima', 'ana@agency.example'));
    const owner = unwrap(await bulk.apply(ids, { kind: 'owner', ownerId: member }));
    const stage = unwrap(await bulk.apply(ids, { kind: 'lifecycle', lifecycle: 'customer' }));
    const untag = unwrap(await bulk.apply(ids, { kind: 'untag', tag: 'VIP' }));
    expect(untag.changed.map((entry) => entry.id)).toEqual([ids[0]]);
    const rows = await db.customers_crm_v.bulkGet(ids);
    expect(rows.map((row) => [row?.owner_id, row?.lifecycle])).toEqual(
      ids.map(() => [member, 'customer']),
    );
    await bulk.undo(untag);
    await bulk.undo(stage);
    await bulk.undo(owner);
    const back = await db.customer_profiles.bulkGet(ids);
    expect(back.map((profile) => [profile?.owner_id, profile?.lifecycle, profile?.tags])).toEqual([
      [null, 'lead', ['vip']],
      [null, 'lead', []],
      [null, 'lead', []],
    ]);
  });

  it('deletes many in chunks and one undo brings all of them back to the list', async () => {
    const { db, bulk, ids } = await setup(7);
    const receipt = unwrap(await bulk.apply(ids, { kind: 'delete' }, 3));
    expect(receipt.changed).toHaveLength(7);
    expect(await db.customers_crm_v.count()).toBe(0);
    expect(unwrap(await bulk.undo(receipt, 3)).restored).toBe(7);
    expect(await db.customers_crm_v.count()).toBe(7);
  });

  it('spares on undo a customer edited after the change, and one whose email was taken', async () => {
    const { db, customers, bulk, ids } = await setup();
    const receipt = unwrap(await bulk.apply(ids, { kind: 'lifecycle', lifecycle: 'inactive' }));
    unwrap(await customers.updateProfile(ids[1]!, { lifecycle: 'prospect' }));
    expect(unwrap(await bulk.undo(receipt))).toEqual({ restored: 2, spared: 1 });
    expect((await db.customer_profiles.get(ids[1]!))?.lifecycle).toBe('prospect');

    const deleted = unwrap(await bulk.apply([ids[2]!], { kind: 'delete' }));
    unwrap(
      await customers.create(
        draft({ first_name: 'New', emails: [emailDraft('p2@example.com')] }),
        'US',
      ),
    );
    expect(unwrap(await bulk.undo(deleted))).toEqual({ restored: 0, spared: 1 });
    expect((await db.customer_profiles.get(ids[2]!))?.deleted).toBe(1);
  });

  it('refuses an empty tag, an unknown stage, a missing owner and an empty selection', async () => {
    const { db, bulk, ids } = await setup();
    expect(await bulk.apply(ids, { kind: 'tag', tag: '  ' })).toEqual({
      ok: false,
      error: 'Type a tag',
    });
    expect((await bulk.apply(ids, { kind: 'lifecycle', lifecycle: 'gone' as never })).ok).toBe(
      false,
    );
    expect(await bulk.apply(ids, { kind: 'owner', ownerId: 'nobody' })).toEqual({
      ok: false,
      error: 'That team member no longer exists',
    });
    expect((await bulk.apply([], { kind: 'delete' })).ok).toBe(false);
    expect(await db.customers_crm_v.count()).toBe(3);
  });
});
