import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { errorText } from '../../domain/result';
import { useSavedViews } from '../../hooks/customers/use-saved-views';
import type { CustomerView } from '../../services/crm/customers/saved-views-service';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';
import { deleteSavedView, renameSavedView, saveView } from './customer-bulk-actions';
import { useMenuDismiss } from '../ui/use-menu-dismiss';

/** One saved view in the menu: its name, renamed in place, or deleted (with Undo). */
function SavedViewRow({ view }: { view: CustomerView }) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState('');
  async function commit() {
    if (name === null) return;
    const result = await run(renameSavedView, { id: view.id, name });
    if (result?.ok) setName(null);
    else if (result) setError(errorText(result.error));
  }
  return (
    <li className="saved-view-row">
      {name === null ? (
        <span className="saved-view-name">{view.name}</span>
      ) : (
        <input
          className="input"
          aria-label={`New name for ${view.name}`}
          value={name}
          autoFocus
          aria-invalid={error !== ''}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void commit();
            if (event.key === 'Escape') {
              // Cancels the rename only; the next Escape closes the menu.
              event.preventDefault();
              setName(null);
            }
          }}
        />
      )}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label={name === null ? `Rename ${view.name}` : `Save the new name of ${view.name}`}
        onClick={() => (name === null ? setName(view.name) : void commit())}
      >
        {name === null ? 'Rename' : 'Save'}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-small btn-danger"
        aria-label={`Delete ${view.name}`}
        onClick={() => void run(deleteSavedView, view.id)}
      >
        Delete
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

/**
 * Saves the list as it is (search, filters, sort, columns) under a name; the views are listed
 * in the sidebar, and renamed or deleted here.
 */
export function SavedViewsMenu({ columns }: { columns: readonly string[] }) {
  const query = useCustomerListStore((state) => state.query);
  const views = useSavedViews();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const menu = useMenuDismiss();

  async function handleSave() {
    const result = await run(saveView, { name, query, columns });
    if (result?.ok) {
      setName('');
      setError('');
    } else if (result) setError(errorText(result.error));
  }

  return (
    <details className="menu" ref={menu.ref} onKeyDown={menu.onKeyDown}>
      <summary className="btn btn-small">Views</summary>
      <div className="menu-panel saved-views-panel" role="group" aria-label="Saved views">
        <form
          className="saved-view-save"
          onSubmit={(event) => {
            event.preventDefault();
            void handleSave();
          }}
        >
          <input
            className="input"
            aria-label="View name"
            placeholder="Name this view"
            value={name}
            aria-invalid={error !== ''}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="btn btn-small btn-primary">
            Save view
          </button>
        </form>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
        {views.length > 0 && (
          <ul className="plain-list" aria-label="Your views">
            {views.map((view) => (
              <SavedViewRow key={view.id} view={view} />
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
