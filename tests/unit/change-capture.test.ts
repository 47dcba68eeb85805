import { describe, expect, it } from 'vitest';
import { skipChangeCapture } from '../../src/renderer/src/db/change-capture-middleware';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import type { TeamMember } from '../../src/renderer/src/domain/records';
import { capturingDb } from './helpers';

function member(name: string): TeamMember {
  const now = nowIso();
  return { id: newId(), name, email: '', active: 1, created_at: now, updated_at: now, deleted: 0 };
}

describe('change capture into sync_outbox', () => {
  it('a committed transaction leaves exactly its changes in the outbox', async () => {
    const db = await capturingDb();
    const ana = member('Ana');
    const ben = member('Ben');
    await db.transaction('rw', db.team_members, async () => {
      await db.team_members.add(ana);
      await db.team_members.add(ben);
      await db.team_members.update(ana.id, { name: 'Ana Lima' });
    });
    const outbox = await db.sync_outbox.toArray();
    expect(outbox.map((entry) => [entry.table, entry.row_id, entry.op])).toEqual([
      ['team_members', ana.id, 'put'],
      ['team_members', ben.id, 'put'],
      ['team_members', ana.id, 'put'],
    ]);
    expect(outbox[2]?.value).toMatchObject({ id: ana.id, name: 'Ana Lima' });
    expect(outbox[2]?.changed_fields).toEqual(['name']);
    expect(new Set(outbox.map((entry) => entry.tx_id)).size).toBe(1);
  });

  it('a row read, changed in place and put back in one transaction is captured with its change', async () => {
    const db = await capturingDb();
    const ana = member('Ana');
    await db.team_members.add(ana);
    await db.transaction('rw', db.team_members, async () => {
      const [read] = await db.team_members.bulkGet([ana.id]);
      read!.name = 'Ana Lima';
      await db.team_members.put(read!);
      // Read again after the write: the second put must be diffed against 'Ana Lima'.
      const again = await db.team_members.get(ana.id);
      again!.email = 'ana@x.com';
      await db.team_members.put(again!);
      await db.team_members.put({ ...again!, name: 'Ana L.' });
    });
    const entries = (await db.sync_outbox.toArray()).slice(1);
    expect(entries.map((entry) => entry.changed_fields)).toEqual([['name'], ['email'], ['name']]);
  });

  it('an aborted transaction leaves nothing, neither the rows nor their outbox entries', async () => {
    const db = await capturingDb();
    await expect(
      db.transaction('rw', db.team_members, async () => {
        await db.team_members.add(member('Ana'));
        throw new Error('user cancelled');
      }),
    ).rejects.toThrow('user cancelled');
    expect(await db.team_members.count()).toBe(0);
    expect(await db.sync_outbox.count()).toBe(0);
  });

  it('captures hard deletes and does not capture local-only tables', async () => {
    const db = await capturingDb();
    const ana = member('Ana');
    await db.team_members.add(ana);
    await db.team_members.delete(ana.id);
    await db.app_settings.put({ key: 'default_region', value: 'DE' });
    const outbox = await db.sync_outbox.toArray();
    expect(outbox.map((entry) => [entry.op, entry.row_id])).toEqual([
      ['put', ana.id],
      ['delete', ana.id],
    ]);
  });
});

describe('change capture: clocks and changed fields for sync', () => {
  it('stamps every entry with a strictly increasing hybrid logical clock', async () => {
    const db = await capturingDb();
    const ana = member('Ana');
    await db.team_members.add(ana);
    await db.team_members.update(ana.id, { name: 'Ana Lima' });
    await db.team_members.bulkAdd([member('Ben'), member('Cy')]);
    const clocks = (await db.sync_outbox.toArray()).map((entry) => entry.hlc);
    expect(clocks).toHaveLength(4);
    clocks.forEach((clock) => expect(clock).toMatch(/^\d{15}-\d{6}-[A-Za-z0-9]+$/));
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(4);
  });

  it('a whole-row put claims only the fields that differ; an unchanged re-save queues nothing', async () => {
    const db = await capturingDb();
    const ana = member('Ana');
    await db.team_members.add(ana);
    await db.team_members.put({ ...ana, email: 'ana@example.com' });
    await db.team_members.put({ ...ana, email: 'ana@example.com' });
    const outbox = await db.sync_outbox.toArray();
    expect(outbox.map((entry) => entry.changed_fields)).toEqual([null, ['email']]);
  });

  it('writes marked skipChangeCapture (a sync pull) leave no outbox entry', async () => {
    const db = await capturingDb();
    await db.transaction('rw', db.team_members, async (tx) => {
      skipChangeCapture(tx.idbtrans);
      await db.team_members.add(member('Pulled'));
    });
    expect(await db.team_members.count()).toBe(1);
    expect(await db.sync_outbox.count()).toBe(0);
  });
});
