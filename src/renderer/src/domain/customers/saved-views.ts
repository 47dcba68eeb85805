/**
 * Saved views of the customer list: a name for a search, filters, sort and columns. Pure rules
 * over the list of views; the service keeps the list in this computer's settings.
 */
import { fail, ok, type Result } from '../result';

export type SavedView<Q> = { id: string; name: string; query: Q; columns: string[] };

export const VIEW_NAME_MAX = 60;

/** The name cleaned, or why it cannot be used: empty, too long, or another view's. */
export function checkViewName<Q>(
  views: readonly SavedView<Q>[],
  name: string,
  exceptId?: string,
): Result<string, string> {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') return fail('Give the view a name');
  if (clean.length > VIEW_NAME_MAX) return fail(`Keep the name under ${VIEW_NAME_MAX} characters`);
  const taken = views.some(
    (view) => view.id !== exceptId && view.name.toLowerCase() === clean.toLowerCase(),
  );
  return taken ? fail(`A view named “${clean}” already exists`) : ok(clean);
}

export function renameView<Q>(
  views: readonly SavedView<Q>[],
  id: string,
  name: string,
): Result<SavedView<Q>[], string> {
  if (!views.some((view) => view.id === id)) return fail('This view no longer exists');
  const checked = checkViewName(views, name, id);
  if (!checked.ok) return checked;
  return ok(views.map((view) => (view.id === id ? { ...view, name: checked.value } : view)));
}

/** Views are listed by name, as the sidebar shows them. */
export function sortViews<Q>(views: readonly SavedView<Q>[]): SavedView<Q>[] {
  return [...views].sort((a, b) => a.name.localeCompare(b.name));
}
