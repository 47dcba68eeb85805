import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { SyncProgress } from '../../src/renderer/src/sync/engine';
import { pullAll } from '../../src/renderer/src/sync/engine';
import { SyncServerError } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { newWorkspace, startTestServer } from '../server/harness';
import { laptop, member, rowsOf, writeAsOldVersion } from './clients';
import { localClock } from '../../src/renderer/src/db/change-capture-middleware';
import { draft, emailDraft } from '../unit/helpers';
import type { CrmDatabase } from '../../src/renderer/src/db/database';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const HOUR = 3600_000;

async function pair() {
  const { token } = await newWorkspace(server);
  return { token, a: laptop(server, token), b: laptop(server, token) };
}

describe('the first sync of a laptop used before sync was configured', () => {
  const TABLES = ['customer_profiles', 'customer_emails', 'customer_phones', 'team_members'];

  async function addPeople(db: CrmDatabase, names: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      const created = await createCustomerService(db).create(
        draft({ first_name: name, emails: [emailDraft(`${name}@example.com`, true)] }),
        'DE',
      );
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      ids.push(created.value);
    }
    return ids;
  }

  it('uploads everything written before: rows, later edits and tombstones', async () => {
    const { a, b } = await pair();
    const [ana, bo] = await addPeople(a.db, ['ana', 'bo', 'cy']);
    await createCustomerService(a.db).updateProfile(ana as string, { notes: 'VIP' });
    await createCustomerService(a.db).remove(bo as string);
    await a.db.team_members.add(member('Dee'));
    expect(await a.db.sync_outbox.count()).toBe(0); // nothing queued while sync was off
    const first = await a.sync();
    expect(first.pushed).toBeGreaterThan(0);
    await b.sync();
    for (const table of TABLES)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
    expect((await b.db.customer_profiles.get(ana as string))?.notes).toBe('VIP');
    expect((await b.db.customer_profiles.get(bo as string))?.deleted).toBe(1);
    expect(await b.db.customers_crm_v.count()).toBe(2);
  });

  it('loses nothing written while the first sync runs', async () => {
    const { a, b } = await pair();
    await addPeople(a.db, ['ana', 'bo', 'cy', 'dee']);
    const later = (async () => {
      const ids = await addPeople(a.db, ['ed', 'flo', 'gus']);
      for (const id of ids) await createCustomerService(a.db).updateProfile(id, { notes: 'x' });
    })();
    await Promise.all([a.sync({ batchSize: 1 }), later]);
    await a.sync();
    await b.sync();
    for (const table of TABLES)
      expect(await rowsOf(b.db, table)).toEqual(await rowsOf(a.db, table));
    expect(await b.db.customer_profiles.count()).toBe(7);
  });
});

describe('sync client against the server', () => {
  it('pulled changes write no outbox rows and update the customer list', async () => {
    const { a, b } = await pair();
    const customers = createCustomerService(a.db);
    const created = await customers.create(
      draft({
        first_name: 'Ana',
        last_name: 'Lima',
        emails: [emailDraft('ana@example.com', true)],
      }),
      'DE',
    );
    expect(created.ok).toBe(true);
    await a.sync();
    expect(await a.db.sync_outbox.count()).toBe(0);
    const result = await b.sync();
    expect(result.pulled).toBeGreaterThanOrEqual(2);
    expect(await b.db.sync_outbox.count()).toBe(0);
    const list = await b.db.customers_crm_v.toArray();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ display_name: 'Ana Lima', primary_email: 'ana@example.com' });
  });

  it('a field changed here and still in the outbox is not overwritten by an older remote value', async () => {
    const { a, b } = await pair();
    const m = member('Ana');
    await a.db.team_members.add(m);
    await a.sync();
    await b.sync();
    await b.db.team_members.update(m.id, { name: 'Ana (older, from B)' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.db.team_members.update(m.id, { name: 'Ana (newer, from A)' });
    await b.sync(); // server now holds B's older edit
    // A pulls before pushing: its pending newer edit must survive the pull...
    await pullAll(a.db, a.transport, {});
    expect((await a.db.team_members.get(m.id))?.name).toBe('Ana (newer, from A)');
    expect(await a.db.sync_outbox.count()).toBe(1);
    await a.sync();
    expect((await a.db.team_members.get(m.id))?.name).toBe('Ana (newer, from A)');
    await b.sync();
    expect((await b.db.team_members.get(m.id))?.name).toBe('Ana (newer, from A)');
  });

  for (const order of ['edit then delete', 'delete then edit'] as const) {
    it(`delete versus an offline edit (${order}): stays deleted, keeps the edit, same everywhere`, async () => {
      const { a, b } = await pair();
      const m = member('Ana');
      await a.db.team_members.add(m);
      await a.sync();
      await b.sync();
      // A is offline for all of this: it edits; B deletes (soft delete, the app's way).
      if (order === 'edit then delete') {
        await a.db.team_members.update(m.id, { name: 'Ana Lima' });
        await b.db.team_members.update(m.id, { deleted: 1 });
        await b.sync();
        await a.sync();
      } else {
        await b.db.team_members.update(m.id, { deleted: 1 });
        await b.sync();
        await a.db.team_members.update(m.id, { name: 'Ana Lima' });
        await a.sync();
      }
      await b.sync();
      for (const side of [a, b]) {
        expect(await side.db.team_members.get(m.id)).toMatchObject({
          name: 'Ana Lima',
          deleted: 1,
        });
      }
      // An explicit restore later than the delete brings it back, everywhere.
      await a.db.team_members.update(m.id, { deleted: 0 });
      await a.sync();
      await b.sync();
      expect((await b.db.team_members.get(m.id))?.deleted).toBe(0);
    });
  }

  it('a hard delete syncs as a tombstone and does not come back', async () => {
    const { a, b } = await pair();
    const m = member('Ana');
    await a.db.team_members.add(m);
    await a.sync();
    await b.sync();
    await a.db.team_members.delete(m.id);
    await b.db.team_members.update(m.id, { email: 'older@x.io' });
    await b.sync();
    await a.sync();
    await b.sync();
    expect((await a.db.team_members.get(m.id))?.deleted).toBe(1);
    expect((await b.db.team_members.get(m.id))?.deleted).toBe(1);
  });

  it('clocks hours apart: causality wins over wall time; a clock hours ahead is refused, then recovers', async () => {
    const { a, b } = await pair();
    a.setClockOffset(-3 * HOUR); // A's clock is three hours behind
    const m = member('Ana');
    await b.db.team_members.add(m);
    await b.sync();
    await a.sync();
    // A saw B's write; its edit comes after it even though A's wall clock says earlier.
    await a.db.team_members.update(m.id, { name: 'Edited on A' });
    await a.sync();
    await b.sync();
    expect((await b.db.team_members.get(m.id))?.name).toBe('Edited on A');

    // B's clock jumps three hours ahead: its change is refused with a clear error...
    b.setClockOffset(3 * HOUR);
    await b.db.team_members.update(m.id, { name: 'From the future' });
    const refused = await b.sync().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncServerError);
    expect((refused as SyncServerError).code).toBe('clock_drift');
    expect((refused as SyncServerError).message).toMatch(/ahead of the server/);
    expect(await b.db.sync_outbox.count()).toBe(1);
    // ...until the clock is fixed: the change is stamped again and goes through, and a
    // later edit elsewhere still wins over it (it no longer carries a future clock).
    b.setClockOffset(0);
    await b.sync();
    expect(await b.db.sync_outbox.count()).toBe(0);
    a.setClockOffset(0);
    await a.sync();
    expect((await a.db.team_members.get(m.id))?.name).toBe('From the future');
    await a.db.team_members.update(m.id, { name: 'Later on A' });
    await a.sync();
    await b.sync();
    expect((await b.db.team_members.get(m.id))?.name).toBe('Later on A');
  });

  it('a pulled row that breaks a local rule no rule can fix is set aside and reported; the rest still applies', async () => {
    const { a, b } = await pair();
    // Conflicts between valid rows resolve themselves (sync-conflicts.test.ts); a row that is
    // wrong on its own does not: an older version linked a customer to themselves.
    const made = await createCustomerService(a.db).create(
      draft({ first_name: 'Ana', last_name: 'Self' }),
      'DE',
    );
    if (!made.ok) throw new Error(made.error.message);
    const now = new Date().toISOString();
    await writeAsOldVersion(
      a.db,
      'customer_relationships',
      {
        id: 'self-link',
        from_customer_id: made.value,
        to_customer_id: made.value,
        type: 'manages',
        note: '',
        created_at: now,
        updated_at: now,
        deleted: 0,
      },
      localClock(a.db.name).tick(),
    );
    await a.sync();
    await b.db.team_members.add(member('Unrelated'));
    const result = await b.sync();
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ table: 'customer_relationships' });
    expect(result.rejected[0]?.reason).toMatch(/themselves/);
    // A's customer arrived (without the broken link); nothing is stuck.
    expect((await b.db.customers_crm_v.toArray()).map((row) => row.first_name)).toEqual(['Ana']);
    expect(await b.db.customer_relationships.count()).toBe(0);
    expect(await b.db.sync_outbox.count()).toBe(0);
    expect((await b.sync()).pulled).toBe(0);
  });

  it('first sync of a large workspace is paged, with progress towards a known total', async () => {
    const { a, b } = await pair();
    await a.db.team_members.bulkAdd(Array.from({ length: 120 }, (_, i) => member(`M${i}`)));
    await a.sync({ batchSize: 50 });
    const progress: SyncProgress[] = [];
    const result = await b.sync({ pageSize: 25, onProgress: (p) => progress.push(p) });
    expect(result.pulled).toBe(120);
    const pulls = progress.filter(
      (p): p is Extract<SyncProgress, { phase: 'pull' }> => p.phase === 'pull',
    );
    expect(pulls.map((p) => p.pulled)).toEqual([25, 50, 75, 100, 120]);
    expect(pulls.every((p) => p.total === 120)).toBe(true);
    expect(await rowsOf(b.db, 'team_members')).toEqual(await rowsOf(a.db, 'team_members'));
  });
});
