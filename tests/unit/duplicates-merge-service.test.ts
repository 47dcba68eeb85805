// The merge service over the real database (Dexie on fake-indexeddb, with the guard, list
// projection and change capture): random customers with children are merged one to three
// times, every merge passes the data layer, nothing is lost, and one undo of all of them
// leaves every table exactly as it was, the list rows included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { canonicalLink, linkProblem } from '../../src/renderer/src/domain/relationships/catalogue';
import type { MergeUndo } from '../../src/renderer/src/domain/duplicates/merge-types';
import {
  mergeCustomers,
  undoMerges,
} from '../../src/renderer/src/services/crm/duplicates/merge-service';
import { MERGE_TABLES } from '../../src/renderer/src/services/crm/duplicates/merge-bundles';
import {
  assignment,
  email,
  participant,
  phone,
  profile,
  relationship,
  task,
  touchpoint,
} from './duplicates-records';
import { freshDb } from './helpers';

const PHONES = ['+46701234567', '+46701234568', '+353861234567'];
const time = fc.constantFrom('2025-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z');
const customerArb = fc.record({
  first_name: fc.constantFrom('Ana', 'Zoë'),
  last_name: fc.constantFrom('Andersson', "O'Brien", ''),
  notes: fc.constantFrom('', 'Prefers WhatsApp'),
  tags: fc.subarray(['vip', 'VIP', 'jazz']),
  owner_id: fc.constantFrom(null, 'm1'),
  updated_at: time,
  emails: fc.array(fc.constantFrom<0 | 1>(0, 1), { maxLength: 2 }),
  phones: fc.array(
    fc.record({ e164: fc.constantFrom(...PHONES), primary: fc.constantFrom<0 | 1>(0, 1) }),
    { maxLength: 2 },
  ),
  touchpoints: fc.nat({ max: 2 }),
  tasks: fc.array(fc.subarray(['m1', 'm2']), { maxLength: 2 }),
  deals: fc.subarray(['d1', 'd2']),
});
const linkArb = fc.record({
  from: fc.nat({ max: 4 }),
  to: fc.nat({ max: 4 }),
  type: fc.constantFrom('manages', 'works_with'),
});

async function seed(
  db: CrmDatabase,
  customers: ReturnType<typeof customerArb.generate>['value'][],
  links: ReturnType<typeof linkArb.generate>['value'][],
): Promise<string[]> {
  const ids = customers.map((_, i) => `c${i}`);
  let n = 0;
  const rows = {
    emails: [] as ReturnType<typeof email>[],
    phones: [] as ReturnType<typeof phone>[],
    touch: [] as ReturnType<typeof touchpoint>[],
    tasks: [] as ReturnType<typeof task>[],
    assign: [] as ReturnType<typeof assignment>[],
    parts: [] as ReturnType<typeof participant>[],
    links: [] as ReturnType<typeof relationship>[],
  };
  customers.forEach((spec, i) => {
    const id = ids[i] as string;
    spec.emails.forEach((primary) =>
      rows.emails.push(email(`e${(n += 1)}`, id, `fan${n}@example.com`, { is_primary: primary })),
    );
    spec.phones.forEach((p) =>
      rows.phones.push(phone(`p${(n += 1)}`, id, p.e164, { is_primary: p.primary })),
    );
    for (let k = 0; k < spec.touchpoints; k += 1) rows.touch.push(touchpoint(`t${(n += 1)}`, id));
    for (const members of spec.tasks) {
      const row = task(`k${(n += 1)}`, id);
      rows.tasks.push(row);
      for (const member of members) rows.assign.push(assignment(`a${(n += 1)}`, row.id, member));
    }
    for (const deal of spec.deals) rows.parts.push(participant(`d${(n += 1)}`, id, deal, 'artist'));
  });
  for (const link of links) {
    const [from, to] = [ids[link.from % ids.length], ids[link.to % ids.length]] as [string, string];
    const c = canonicalLink(from, { type: link.type as 'manages', direction: 'forward' }, to);
    const row = relationship(`r${(n += 1)}`, c.from, c.to, c.type);
    if (from !== to && linkProblem(row, rows.links) === null) rows.links.push(row);
  }
  await db.transaction('rw', [...MERGE_TABLES], async () => {
    await db.customer_emails.bulkAdd(rows.emails);
    await db.customer_phones.bulkAdd(rows.phones);
    await db.customer_engagement_metrics.bulkAdd(rows.touch);
    await db.crm_tasks.bulkAdd(rows.tasks);
    await db.crm_task_assignments.bulkAdd(rows.assign);
    await db.deal_participants.bulkAdd(rows.parts);
    await db.customer_relationships.bulkAdd(rows.links);
    await db.customer_profiles.bulkAdd(
      customers.map((spec, i) =>
        profile(ids[i] as string, {
          first_name: spec.first_name,
          last_name: spec.last_name,
          notes: spec.notes,
          tags: spec.tags,
          owner_id: spec.owner_id,
          updated_at: spec.updated_at,
        }),
      ),
    );
  });
  return ids;
}

async function dump(db: CrmDatabase) {
  const tables = [...MERGE_TABLES, 'customers_crm_v'] as const;
  return Object.fromEntries(
    await Promise.all(tables.map(async (name) => [name, await db.table(name).toArray()])),
  );
}

describe('the merge service, as a model', () => {
  it('merges random customers in one go each, loses nothing, and one undo restores every table exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 2, maxLength: 5 }),
        fc.array(linkArb, { maxLength: 5 }),
        fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (customers, links, merges) => {
          const db = freshDb();
          const ids = await seed(db, customers, links);
          const original = await dump(db);
          const undos: MergeUndo[] = [];
          for (const picks of merges) {
            const live = (await db.customer_profiles.toArray()).filter((p) => p.deleted === 0);
            const chosen = [...new Set(picks.map((k) => live[k % live.length]?.id as string))];
            if (chosen.length < 2) continue;
            const [survivorId, ...otherIds] = chosen as [string, ...string[]];
            const touchBefore = await db.customer_engagement_metrics
              .where('customer_id')
              .anyOf(chosen)
              .filter((row) => row.deleted === 0)
              .count();
            const result = await mergeCustomers(db, { survivorId, otherIds });
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            undos.push(result.value.undo);
            const survivorTouches = await db.customer_engagement_metrics
              .where('customer_id')
              .equals(survivorId)
              .filter((row) => row.deleted === 0)
              .count();
            expect(survivorTouches).toBe(touchBefore);
            for (const id of otherIds) {
              expect(await db.customer_profiles.get(id)).toMatchObject({
                deleted: 1,
                merged_into: survivorId,
              });
              expect(await db.customers_crm_v.get(id)).toBeUndefined();
            }
          }
          expect(ids.length).toBeGreaterThan(1);
          const undone = await undoMerges(db, undos);
          expect(undone.ok).toBe(true);
          expect(await dump(db)).toEqual(original);
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses to undo when a merged record was edited since, and says so', async () => {
    const db = freshDb();
    await seed(
      db,
      [0, 1].map(() => ({
        first_name: 'Ana',
        last_name: 'Andersson',
        notes: '',
        tags: [],
        owner_id: null,
        updated_at: '2026-06-01T00:00:00.000Z',
        emails: [1 as const],
        phones: [],
        touchpoints: 1,
        tasks: [],
        deals: [],
      })),
      [],
    );
    const merged = await mergeCustomers(db, { survivorId: 'c0', otherIds: ['c1'] });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    // The touchpoint the merge moved to c0 is edited afterwards (here, or by a sync).
    await db.customer_engagement_metrics.update('t4', { summary: 'Called back' });
    const undone = await undoMerges(db, [merged.value.undo]);
    expect(undone).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('changed since') },
    });
    expect((await db.customer_profiles.get('c1'))?.deleted).toBe(1);
  });
});
