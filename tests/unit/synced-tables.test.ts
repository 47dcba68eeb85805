import { describe, expect, it } from 'vitest';
import { ControlCharacterError } from '../../src/renderer/src/db/guard-middleware';
import { SYNCED_TABLES } from '../../src/renderer/src/db/schema';
import type { OutboxEntry } from '../../src/renderer/src/domain/records';
import { entryFields } from '../../src/renderer/src/sync/merge';
import { SYNC_TABLE_NAMES, fieldProblems } from '../../src/shared/sync/tables';
import { capturingDb, freshDb } from './helpers';
import { sampleLinks, sampleRow } from './synced-samples';

/** Tables that stay on this computer; every other table of the database must be synced. */
const LOCAL_TABLES = [
  'customers_crm_v',
  'import_jobs',
  'import_job_chunks',
  'saved_mappings',
  'sync_outbox',
  'sync_state',
  'app_settings',
  'import_staging',
  'sync_quarantine',
  'search_journal',
  'reports_journal',
];

const wire = (entry: OutboxEntry) => ({
  table: entry.table,
  op: entry.op,
  fields: entryFields(entry),
});

describe('the synced tables, declared once', () => {
  it('the client syncs exactly the tables the shared schemas declare; every other table is listed as local', () => {
    const db = freshDb();
    expect([...SYNCED_TABLES]).toEqual(SYNC_TABLE_NAMES);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [...SYNC_TABLE_NAMES, ...LOCAL_TABLES].sort(),
    );
  });

  // Over the shared list, not the client's: taking any table out of change capture fails it.
  for (const table of SYNC_TABLE_NAMES) {
    it(`${table}: adds, updates and deletes reach the outbox, as changes the server accepts`, async () => {
      const db = await capturingDb();
      const row = sampleRow(table, sampleLinks());
      await db.table(table).add(row);
      await db.table(table).update(row.id, { updated_at: new Date(0).toISOString() });
      await db.table(table).update(row.id, { deleted: 1 });
      await db.table(table).delete(row.id);
      const outbox = await db.sync_outbox.toArray();
      const mine = outbox.filter((entry) => entry.table === table);
      expect(mine.map((entry) => [entry.row_id, entry.op])).toEqual([
        [row.id, 'put'],
        [row.id, 'put'],
        [row.id, 'put'],
        [row.id, 'delete'],
      ]);
      for (const entry of mine) expect(fieldProblems(table, wire(entry).fields ?? {})).toEqual([]);
      expect(wire(mine[1] as OutboxEntry).fields).toEqual({
        updated_at: new Date(0).toISOString(),
      });
    });
  }
});

describe('the write guard refuses control characters in synced text', () => {
  for (const table of SYNC_TABLE_NAMES) {
    it(`${table}: a text field with a control character is refused, naming the field; nothing is written`, async () => {
      const db = freshDb();
      const row = sampleRow(table, sampleLinks()) as unknown as Record<string, unknown>;
      const field = Object.keys(row).find(
        (key) => typeof row[key] === 'string' && !['id', 'created_at', 'updated_at'].includes(key),
      ) as string;
      const error = await db
        .table(table)
        .add({ ...row, [field]: `a\u0001b` })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ControlCharacterError);
      expect((error as Error).message).toContain(`${table}.${field}`);
      expect((error as Error).message).toContain('U+0001');
      expect(await db.table(table).count()).toBe(0);
      expect(await db.sync_outbox.count()).toBe(0);
    });
  }

  it('tab, line feed and carriage return are text; inside lists and objects the path is named', async () => {
    const db = freshDb();
    const links = sampleLinks();
    const profile = sampleRow('customer_profiles', links);
    await db.customer_profiles.add({ ...profile, notes: 'line one\r\nline\ttwo' });
    await expect(
      db.customer_profiles.update(profile.id, { tags: ['vip', 'nul\u0000'] }),
    ).rejects.toThrow(/customer_profiles\.tags\.1 contains a control character \(U\+0000\)/);
    await expect(
      db.customer_profiles.update(profile.id, {
        email_consent: { opted_in: true, source: 'form\u001b', changed_at: null },
      }),
    ).rejects.toThrow(/customer_profiles\.email_consent\.source/);
    expect((await db.customer_profiles.get(profile.id))?.tags).toEqual(['vip']);
  });

  it('a value stored before the rule does not block edits of other fields; editing it must clean it', async () => {
    const db = freshDb();
    const profile = sampleRow('customer_profiles', sampleLinks());
    await db.customer_profiles.add(profile);
    // As an older version of the app stored it: straight into IndexedDB, past the guard.
    await db.transaction('rw', db.customer_profiles, async (tx) => {
      const store = (tx.idbtrans as IDBTransaction).objectStore('customer_profiles');
      await new Promise((resolve, reject) => {
        const request = store.put({ ...profile, first_name: 'Old\u0000' });
        request.onsuccess = resolve;
        request.onerror = reject;
      });
    });
    await db.customer_profiles.update(profile.id, { lifecycle: 'customer' });
    await expect(
      db.customer_profiles.update(profile.id, { first_name: 'Still\u0000' }),
    ).rejects.toThrow(/first_name/);
    await db.customer_profiles.update(profile.id, { first_name: 'Clean' });
    expect(await db.customer_profiles.get(profile.id)).toMatchObject({
      first_name: 'Clean',
      lifecycle: 'customer',
    });
  });

  it('local tables are not the guard’s business', async () => {
    const db = freshDb();
    await db.app_settings.put({ key: 'note', value: 'odd\u0000value' });
    expect((await db.app_settings.get('note'))?.value).toBe('odd\u0000value');
  });
});
