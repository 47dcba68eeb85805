import { Fragment } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTotalCustomers } from '../hooks/customers/use-customers';
import { TaskRemindersEffect } from '../components/tasks/TaskRemindersEffect';
import { SyncEffect } from '../components/sync/SyncEffect';
import { AutoBackupEffect } from '../components/backup/AutoBackupEffect';
import { SyncStatusIndicator } from '../components/sync/SyncStatusIndicator';
import { SavedViewsNav } from '../components/customers/SavedViewsNav';
import { ErrorBoundary } from './ErrorBoundary';
import { CommandPalette } from './actions/CommandPalette';
import { ActionKeysEffect } from './actions/keyboard';
import { MenuActionsEffect } from './actions/menu';
import { GLOBAL_ACTIONS } from './actions/registry';
import { NavBadge } from './NavBadge';
import { NAV_ITEMS } from './navigation';

const SHORTCUT_HINTS = GLOBAL_ACTIONS.filter((action) => action.keys && action.hint);

export function AppLayout() {
  const total = useTotalCustomers();
  return (
    <div className="shell">
      <ActionKeysEffect />
      <MenuActionsEffect />
      <CommandPalette />
      <TaskRemindersEffect />
      <SyncEffect />
      <AutoBackupEffect />
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-brand">
          <span className="brand-mark" aria-hidden="true">
            E
          </span>
          Encore CRM
        </div>
        {NAV_ITEMS.map((item) => (
          <Fragment key={item.to}>
            <NavLink to={item.to} className="nav-link">
              <span>{item.label}</span>
              {item.to === '/customers' && total !== undefined && (
                <span className="nav-count">{total.toLocaleString()}</span>
              )}
              {item.useCount && <NavBadge useCount={item.useCount} label={item.countLabel} />}
            </NavLink>
            {item.to === '/customers' && <SavedViewsNav />}
          </Fragment>
        ))}
        <div className="sidebar-footer">
          <SyncStatusIndicator />
          <div>
            {SHORTCUT_HINTS.map((action, index) => (
              <span key={action.id}>
                {index > 0 && ' · '}
                <kbd>{action.keys?.[0]}</kbd> {action.hint}
              </span>
            ))}
            <span>
              {' · '}
              <kbd>Ctrl K</kbd> commands
            </span>
          </div>
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
