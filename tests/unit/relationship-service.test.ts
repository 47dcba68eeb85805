import { describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createRelationshipService } from '../../src/renderer/src/services/crm/relationships/relationship-service';
import { draft, freshDb } from './helpers';

async function setup() {
  const db = freshDb();
  const customers = createCustomerService(db);
  const relationships = createRelationshipService(db);
  const customer = async (first_name: string) => {
    const result = await customers.create(draft({ first_name }), 'US');
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.value;
  };
  return { db, customers, relationships, customer };
}

const view = (groups: { label: string; items: { otherName: string }[] }[]) =>
  groups.map((group) => [group.label, group.items.map((item) => item.otherName)]);

describe('relationship service', () => {
  it('links once and shows the inverse label on the other side', async () => {
    const { relationships, customer } = await setup();
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    const cy = await customer('Cy');
    expect(
      await relationships.link(ana, { type: 'manages', direction: 'forward' }, bo),
    ).toMatchObject({ ok: true });
    expect(
      await relationships.link(cy, { type: 'works_with', direction: 'forward' }, ana),
    ).toMatchObject({ ok: true });
    expect(view(await relationships.network(ana))).toEqual([
      ['manages', ['Bo']],
      ['works with', ['Cy']],
    ]);
    expect(view(await relationships.network(bo))).toEqual([['managed by', ['Ana']]]);
    expect(view(await relationships.network(cy))).toEqual([['works with', ['Ana']]]);
  });

  it('refuses self-links and duplicates, including the inverse and the symmetric duplicate', async () => {
    const { relationships, customer } = await setup();
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    expect(
      await relationships.link(ana, { type: 'manages', direction: 'forward' }, ana),
    ).toMatchObject({ ok: false });
    await relationships.link(ana, { type: 'manages', direction: 'forward' }, bo);
    expect(
      await relationships.link(bo, { type: 'manages', direction: 'inverse' }, ana),
    ).toMatchObject({
      ok: false,
      error: 'These two are already linked this way',
    });
    await relationships.link(ana, { type: 'works_with', direction: 'forward' }, bo);
    expect(
      await relationships.link(bo, { type: 'works_with', direction: 'forward' }, ana),
    ).toMatchObject({ ok: false });
    // The other direction of an asymmetric type is a different relationship.
    expect(
      await relationships.link(bo, { type: 'manages', direction: 'forward' }, ana),
    ).toMatchObject({ ok: true });
  });

  it('the data layer refuses the same, whoever writes', async () => {
    const { db, relationships, customer } = await setup();
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    await relationships.link(ana, { type: 'works_with', direction: 'forward' }, bo);
    const now = nowIso();
    const base = { note: '', created_at: now, updated_at: now, deleted: 0 as const };
    await expect(
      db.customer_relationships.add({
        ...base,
        id: newId(),
        from_customer_id: ana,
        to_customer_id: ana,
        type: 'books',
      }),
    ).rejects.toThrow(/themselves/);
    await expect(
      db.customer_relationships.add({
        ...base,
        id: newId(),
        from_customer_id: ana,
        to_customer_id: bo,
        type: 'likes',
      }),
    ).rejects.toThrow(/not a relationship type/);
    // The symmetric link stored the other way round is still the same link.
    const [from, to] = ana < bo ? [bo, ana] : [ana, bo];
    await expect(
      db.customer_relationships.add({
        ...base,
        id: newId(),
        from_customer_id: from,
        to_customer_id: to,
        type: 'works_with',
      }),
    ).rejects.toThrow(/already linked/);
  });

  it('hides links to a deleted customer and brings them back on undo', async () => {
    const { relationships, customers, customer } = await setup();
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    await relationships.link(ana, { type: 'represents', direction: 'forward' }, bo);
    await customers.remove(bo);
    expect(await relationships.network(ana)).toEqual([]);
    expect(
      await relationships.link(ana, { type: 'books', direction: 'forward' }, bo),
    ).toMatchObject({ ok: false });
    await customers.restore(bo);
    expect(view(await relationships.network(ana))).toEqual([['represents', ['Bo']]]);
  });

  it('unlink leaves a tombstone that undo restores', async () => {
    const { db, relationships, customer } = await setup();
    const ana = await customer('Ana');
    const bo = await customer('Bo');
    const linked = await relationships.link(ana, { type: 'referred', direction: 'forward' }, bo);
    if (!linked.ok) throw new Error(linked.error);
    await relationships.unlink(linked.value);
    expect(await relationships.network(bo)).toEqual([]);
    expect((await db.customer_relationships.get(linked.value))?.deleted).toBe(1);
    await relationships.restore(linked.value);
    expect(view(await relationships.network(bo))).toEqual([['referred by', ['Ana']]]);
  });
});
