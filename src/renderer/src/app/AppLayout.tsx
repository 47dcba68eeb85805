import { NavLink, Outlet } from 'react-router';
import { useTotalCustomers } from '../hooks/customers/use-customers';
import { TaskRemindersEffect } from '../components/tasks/TaskRemindersEffect';
import { SyncEffect } from '../components/sync/SyncEffect';
import { AutoBackupEffect } from '../components/backup/AutoBackupEffect';
import { SyncStatusIndicator } from '../components/sync/SyncStatusIndicator';
import { ErrorBoundary } from './ErrorBoundary';
import { COMMANDS } from './commands';
import { GlobalShortcutsEffect } from './GlobalShortcutsEffect';
import { NavBadge } from './NavBadge';
import { NAV_ITEMS } from './navigation';

export function AppLayout() {
  const total = useTotalCustomers();
  return (
    <div className="shell">
      <GlobalShortcutsEffect />
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
          <NavLink key={item.to} to={item.to} className="nav-link">
            <span>{item.label}</span>
            {item.to === '/customers' && total !== undefined && (
              <span className="nav-count">{total.toLocaleString()}</span>
            )}
            {item.useCount && <NavBadge useCount={item.useCount} label={item.countLabel} />}
          </NavLink>
        ))}
        <div className="sidebar-footer">
          <SyncStatusIndicator />
          <div>
            {COMMANDS.map((command, index) => (
              <span key={command.id}>
                {index > 0 && ' · '}
                <kbd>{command.key}</kbd> {command.hint}
              </span>
            ))}
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
