import { NavLink, Outlet } from 'react-router';
import { useTotalCustomers } from '../hooks/use-crm-data';
import { ErrorBoundary } from './ErrorBoundary';
import { GlobalShortcutsEffect } from './GlobalShortcutsEffect';
import { NAV_ITEMS } from './navigation';

export function AppLayout() {
  const total = useTotalCustomers();
  return (
    <div className="shell">
      <GlobalShortcutsEffect />
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-brand">
          <span className="brand-mark" aria-hidden="true">
            E
          </span>
          Encore CRM
        </div>
        {NAV_ITEMS.map((item) => (
          <NavLink key={item.to} to={item.to} className="nav-link">
            <span>{item.label}</span>
            {item.to === '/customers' && total !== undefined && (
              <span className="nav-count">{total.toLocaleString()}</span>
            )}
          </NavLink>
        ))}
        <div className="sidebar-footer">
          <kbd>c</kbd> new · <kbd>/</kbd> search · <kbd>,</kbd> settings
        </div>
      </nav>
      <div className="main">
        <ErrorBoundary>
          <Outlet />
        </ErrorBoundary>
      </div>
    </div>
  );
}
