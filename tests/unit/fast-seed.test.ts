/**
 * bench:search's fast seed (dev/fast-seed.ts) must leave what the write path leaves for the same
 * demo customers: the same list rows (built by the real projection) and search journal entries
 * naming every customer (one per chunk, as the projection writes one per rebuild), so that a benchmark over it measures the app's real data.
 */
import { describe, expect, it } from 'vitest';
import { fastSeed } from '../../src/renderer/src/dev/fast-seed';
import type { CustomerListRow } from '../../src/renderer/src/domain/records';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { journalCustomerIds } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { freshDb } from './helpers';

/** A row without what differs between two seeds of the same people: ids and write times. */
function comparable(row: CustomerListRow) {
  const { customer_id: _id, created_at: _c, updated_at: _u, ...rest } = row;
  return rest;
}

const byEmail = (a: { primary_email: string | null }, b: { primary_email: string | null }) =>
  String(a.primary_email).localeCompare(String(b.primary_email));

describe('fast seed', () => {
  it('writes the rows and journal entries the write path writes for the same customers', async () => {
    const viaWritePath = freshDb();
    const viaFastSeed = freshDb();
    await createDemoDataService(viaWritePath).seed(45, { chunkSize: 20 });
    await fastSeed(viaFastSeed, 45, { chunkSize: 20 });

    const [expected = [], actual = []] = await Promise.all(
      [viaWritePath, viaFastSeed].map(async (db) =>
        (await db.customers_crm_v.toArray()).map(comparable).sort(byEmail),
      ),
    );
    expect(actual).toHaveLength(45);
    // Owners are member ids of each database's own demo team: compare them by position.
    const teams = await Promise.all(
      [viaWritePath, viaFastSeed].map(async (db) =>
        (await db.team_members.orderBy('name').toArray()).map((member) => member.id),
      ),
    );
    const ownerSlot = (team: string[]) => (row: { owner_id: string }) => ({
      ...row,
      owner_id: String(team.indexOf(row.owner_id)),
    });
    expect(actual.map(ownerSlot(teams[1] ?? []))).toEqual(expected.map(ownerSlot(teams[0] ?? [])));

    const journaled = async (db: typeof viaFastSeed) =>
      new Set((await db.search_journal.toArray()).flatMap(journalCustomerIds));
    const rows = await viaFastSeed.customers_crm_v.toArray();
    const entries = await journaled(viaFastSeed);
    for (const row of rows) expect(entries.has(row.customer_id)).toBe(true);
    expect(await viaFastSeed.customer_profiles.count()).toBe(45);
    for (const table of [
      'customer_emails',
      'customer_phones',
      'customer_engagement_metrics',
    ] as const)
      expect(await viaFastSeed[table].count()).toBe(await viaWritePath[table].count());
  });

  it('continues from a given demo person, and writes only the rows and journal for search', async () => {
    const viaWritePath = freshDb();
    const viaFastSeed = freshDb();
    await createDemoDataService(viaWritePath).seed(30, { chunkSize: 10 });
    await fastSeed(viaFastSeed, 10, { chunkSize: 4 });
    await fastSeed(viaFastSeed, 12, { chunkSize: 8, first: 10, tables: 'search' });
    await fastSeed(viaFastSeed, 8, { chunkSize: 8, first: 22, tables: 'search' });

    const [expected = [], actual = []] = await Promise.all(
      [viaWritePath, viaFastSeed].map(async (db) =>
        (await db.customers_crm_v.toArray())
          .map((row) => comparable({ ...row, owner_id: '' }))
          .sort(byEmail),
      ),
    );
    expect(actual).toEqual(expected);
    expect(await viaFastSeed.customer_profiles.count()).toBe(10);
    // One entry per chunk (3 + 2 + 1), naming the 30 customers.
    const entries = await viaFastSeed.search_journal.where(':id').above(0).toArray();
    expect(entries).toHaveLength(6);
    expect(new Set(entries.flatMap(journalCustomerIds)).size).toBe(30);
  });
});
