import { describe, expect, it } from 'vitest';
import { writeSetting } from '../../src/renderer/src/db/app-settings';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { createSavedViewsService } from '../../src/renderer/src/services/crm/customers/saved-views-service';
import { freshDb } from './helpers';

const leads = { ...DEFAULT_LIST_QUERY, lifecycle: 'lead' as const, sort: 'created' as const };

describe('saved views of the customer list', () => {
  it('saves filters, sort and columns under a name, renames and deletes it, undo restores', async () => {
    const db = freshDb();
    const views = createSavedViewsService(db);
    const saved = await views.save('  New   leads ', leads, ['email', 'stage', 'bogus']);
    expect(saved.ok).toBe(true);
    expect(await views.list()).toEqual([
      {
        id: expect.any(String),
        name: 'New leads',
        query: leads,
        columns: ['name', 'email', 'stage'],
      },
    ]);
    const id = (await views.list())[0]!.id;
    expect((await views.rename(id, 'Fresh leads')).ok).toBe(true);
    expect((await views.list())[0]!.name).toBe('Fresh leads');
    const removed = await views.remove(id);
    expect(await views.list()).toEqual([]);
    if (removed.ok) await views.restore(removed.value);
    expect((await views.list()).map((view) => view.name)).toEqual(['Fresh leads']);
  });

  it('refuses an empty name and a name another view has, whatever its case', async () => {
    const db = freshDb();
    const views = createSavedViewsService(db);
    await views.save('VIPs', leads, []);
    expect(await views.save('  ', leads, [])).toEqual({ ok: false, error: 'Give the view a name' });
    expect(await views.save('vips', leads, [])).toEqual({
      ok: false,
      error: 'A view named “vips” already exists',
    });
    const other = await views.save('Agents', leads, []);
    if (!other.ok) throw new Error('save failed');
    expect((await views.rename(other.value.id, 'VIPS')).ok).toBe(false);
    expect((await views.list()).map((view) => view.name)).toEqual(['Agents', 'VIPs']);
  });

  it('skips a stored entry that is not a view instead of failing the list', async () => {
    const db = freshDb();
    await writeSetting(db, 'savedCustomerViews', [42, { id: 'v1', name: 'Old', query: {} }]);
    const list = await createSavedViewsService(db).list();
    expect(list).toEqual([{ id: 'v1', name: 'Old', query: DEFAULT_LIST_QUERY, columns: ['name'] }]);
  });
});
