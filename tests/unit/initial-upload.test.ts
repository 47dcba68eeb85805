import { describe, expect, it } from 'vitest';
import {
  CAPTURE_STATE_KEY,
  HLC_STATE_KEY,
} from '../../src/renderer/src/db/change-capture-middleware';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { SYNCED_TABLES } from '../../src/renderer/src/db/schema';
import type { OutboxEntry } from '../../src/renderer/src/domain/records';
import { restoredSyncState } from '../../src/renderer/src/services/crm/backup/restore-sync';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import {
  INITIAL_UPLOAD_KEY,
  completeInitialUpload,
  isCapturing,
} from '../../src/renderer/src/sync/initial-upload';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

async function addCustomer(db: CrmDatabase, name: string): Promise<string> {
  const created = await createCustomerService(db).create(
    draft({
      first_name: name,
      emails: [emailDraft(`${name.toLowerCase()}@example.com`, true)],
      phones: [phoneDraft('+1 415 555 0100', true)],
    }),
    'US',
  );
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value;
}

/** Every synced row, by table/id, as stored. */
async function syncedRows(db: CrmDatabase): Promise<Map<string, unknown>> {
  const rows = new Map<string, unknown>();
  for (const table of SYNCED_TABLES)
    for (const row of (await db.table(table).toArray()) as { id: string }[])
      rows.set(`${table}/${row.id}`, row);
  return rows;
}

/**
 * What the outbox would leave on a server that applies it in order: per row, the whole row
 * of its put entries with later entries' changed fields laid over it.
 */
function replay(entries: readonly OutboxEntry[]): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const entry of [...entries].sort((a, b) => (a.hlc < b.hlc ? -1 : 1))) {
    const key = `${entry.table}/${entry.row_id}`;
    if (entry.op !== 'put' || !entry.value) continue;
    const before = rows.get(key) ?? {};
    const fields = entry.changed_fields ?? Object.keys(entry.value);
    const after = { ...before };
    for (const field of fields) after[field] = (entry.value as Record<string, unknown>)[field];
    after.id = entry.row_id;
    rows.set(key, after);
  }
  return rows;
}

describe('change capture before sync is configured, and the initial upload', () => {
  it('a new database queues nothing and stamps no clock while sync is not configured', async () => {
    const db = freshDb();
    const id = await addCustomer(db, 'Ana');
    await createCustomerService(db).updateProfile(id, { notes: 'VIP' });
    expect(await isCapturing(db)).toBe(false);
    expect(await db.sync_outbox.count()).toBe(0);
    expect(await db.sync_state.get(HLC_STATE_KEY)).toBeUndefined();
    expect(await db.customers_crm_v.count()).toBe(1);
  });

  it('queues every existing row once, tombstones included, then captures every later write', async () => {
    const db = freshDb();
    const ana = await addCustomer(db, 'Ana');
    const bo = await addCustomer(db, 'Bo');
    await createCustomerService(db).updateProfile(ana, { notes: 'VIP' });
    await createCustomerService(db).remove(bo);
    const queued = await completeInitialUpload(db, 2);
    const rows = await syncedRows(db);
    expect(queued).toBe(rows.size);
    const entries = await db.sync_outbox.toArray();
    expect(entries).toHaveLength(rows.size);
    expect(new Map(entries.map((e) => [`${e.table}/${e.row_id}`, e.value]))).toEqual(rows);
    expect(entries.every((e) => e.op === 'put' && e.changed_fields === null)).toBe(true);
    expect(await isCapturing(db)).toBe(true);
    expect(await db.sync_state.get(INITIAL_UPLOAD_KEY)).toBeUndefined();
    // Done once: a second call queues nothing; later writes are captured as before.
    expect(await completeInitialUpload(db)).toBe(0);
    await createCustomerService(db).updateProfile(ana, { notes: 'VIP, front row' });
    const last = (await db.sync_outbox.toArray()).at(-1);
    expect(last).toMatchObject({ table: 'customer_profiles', row_id: ana, op: 'put' });
    expect(last?.changed_fields).toContain('notes');
  });

  it('loses nothing written while the upload runs, on the page or in another connection', async () => {
    const db = freshDb();
    for (const name of ['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo']) await addCustomer(db, name);
    // A second connection to the same database: the import worker's, which caches nothing.
    const { CrmDatabase } = await import('../../src/renderer/src/db/database');
    const worker = new CrmDatabase(db.name);
    const writes = (async () => {
      for (const name of ['Gus', 'Hal', 'Ivy', 'Jo']) {
        await addCustomer(worker, name);
        const ids = (await worker.customer_profiles.toArray()).map((p) => p.id);
        await createCustomerService(worker).updateProfile(ids[0] as string, { notes: name });
      }
    })();
    await Promise.all([completeInitialUpload(db, 1), writes]);
    worker.close();
    const stored = await syncedRows(db);
    const replayed = replay(await db.sync_outbox.toArray());
    expect([...replayed.keys()].sort()).toEqual([...stored.keys()].sort());
    for (const [key, row] of stored) expect(replayed.get(key)).toEqual(row);
  });

  it('a restored backup without the capture state captures everything, as its database did', () => {
    const restored = restoredSyncState([{ key: HLC_STATE_KEY, value: 'x' }], [], 'client');
    expect(restored.find((e) => e.key === CAPTURE_STATE_KEY)?.value).toBe('all');
    const dormant = restoredSyncState([{ key: CAPTURE_STATE_KEY, value: 'dormant' }], [], 'c');
    expect(dormant.find((e) => e.key === CAPTURE_STATE_KEY)?.value).toBe('dormant');
  });
});
