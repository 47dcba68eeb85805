import { useNavigate } from 'react-router';
import { run } from '../../app/actions/runner';
import { useSavedViews } from '../../hooks/customers/use-saved-views';
import type { CustomerView } from '../../services/crm/customers/saved-views-service';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';
import { chooseListColumns } from './customer-bulk-actions';

/** A saved view applied: its search, filters and sort on the list, and its columns. */
function applyView(view: CustomerView) {
  useCustomerListStore.getState().setQuery(view.query);
  void run(chooseListColumns, view.columns);
}

/** The customer list's saved views, under Customers in the sidebar. */
export function SavedViewsNav() {
  const views = useSavedViews();
  const navigate = useNavigate();
  if (views.length === 0) return null;
  return (
    <ul className="plain-list nav-views" aria-label="Saved views">
      {views.map((view) => (
        <li key={view.id}>
          <button
            type="button"
            className="nav-view"
            onClick={() => {
              applyView(view);
              navigate('/customers');
            }}
          >
            {view.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
