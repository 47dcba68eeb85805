/**
 * The customer list's saved views, kept in this computer's settings (app_settings, not
 * synced: a view is one person's way of looking). Each write reads and writes the list in one
 * transaction so two quick saves cannot lose one.
 */
import type { CrmDatabase } from '../../../db/database';
import { readSetting, writeSetting } from '../../../db/app-settings';
import { normalizeColumns } from '../../../domain/customers/list-columns';
import type { SavedView } from '../../../domain/customers/saved-views';
import { checkViewName, renameView, sortViews } from '../../../domain/customers/saved-views';
import { newId } from '../../../domain/ids';
import { fail, ok, type Result } from '../../../domain/result';
import { bindDb } from '../../bind-db';
import type { CustomerListQuery } from './customer-list-query';
import { DEFAULT_LIST_QUERY } from './customer-list-query';

export type CustomerView = SavedView<CustomerListQuery>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** A stored view as a view, or null when it is not one (skipped, never a crash). */
function parseView(stored: unknown): CustomerView | null {
  if (!isRecord(stored) || typeof stored.id !== 'string' || typeof stored.name !== 'string')
    return null;
  const query = isRecord(stored.query) ? stored.query : {};
  const columns = Array.isArray(stored.columns) ? stored.columns.map(String) : [];
  return {
    id: stored.id,
    name: stored.name,
    query: { ...DEFAULT_LIST_QUERY, ...(query as Partial<CustomerListQuery>) },
    columns: normalizeColumns(columns),
  };
}

async function list(db: CrmDatabase): Promise<CustomerView[]> {
  const stored = await readSetting(db, 'savedCustomerViews');
  return sortViews(stored.map(parseView).filter((view) => view !== null));
}

async function update<T>(
  db: CrmDatabase,
  change: (views: CustomerView[]) => Result<{ views: CustomerView[]; value: T }, string>,
): Promise<Result<T, string>> {
  return db.transaction('rw', db.app_settings, async () => {
    const result = change(await list(db));
    if (!result.ok) return result;
    await writeSetting(db, 'savedCustomerViews', result.value.views);
    return ok(result.value.value);
  });
}

async function save(
  db: CrmDatabase,
  name: string,
  query: CustomerListQuery,
  columns: readonly string[],
): Promise<Result<CustomerView, string>> {
  return update(db, (views) => {
    const checked = checkViewName(views, name);
    if (!checked.ok) return checked;
    const view = {
      id: newId(),
      name: checked.value,
      query: { ...query },
      columns: normalizeColumns(columns),
    };
    return ok({ views: [...views, view], value: view });
  });
}

async function rename(db: CrmDatabase, id: string, name: string): Promise<Result<void, string>> {
  return update(db, (views) => {
    const renamed = renameView(views, id, name);
    return renamed.ok ? ok({ views: renamed.value, value: undefined }) : renamed;
  });
}

/** Deletes a view; the view is returned so an undo can put it back (restore). */
async function remove(db: CrmDatabase, id: string): Promise<Result<CustomerView, string>> {
  return update(db, (views) => {
    const view = views.find((candidate) => candidate.id === id);
    if (!view) return fail('This view no longer exists');
    return ok({ views: views.filter((candidate) => candidate.id !== id), value: view });
  });
}

async function restore(db: CrmDatabase, view: CustomerView): Promise<Result<void, string>> {
  return update(db, (views) => {
    const checked = checkViewName(views, view.name, view.id);
    if (!checked.ok) return checked;
    return ok({ views: [...views.filter((v) => v.id !== view.id), view], value: undefined });
  });
}

export function createSavedViewsService(db: CrmDatabase) {
  return bindDb(db, { list, save, rename, remove, restore });
}
