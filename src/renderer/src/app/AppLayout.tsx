import { Fragment } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTotalCustomers } from '../hooks/customers/use-customers';
import { useFirstRunNeeded } from '../hooks/settings/use-settings';
import { TaskRemindersEffect } from '../components/tasks/TaskRemindersEffect';
import { SyncEffect } from '../components/sync/SyncEffect';
import { AutoBackupEffect } from '../components/backup/AutoBackupEffect';
import { ReportsPreloadEffect } from '../components/reports/ReportsPreloadEffect';
import { OriginBackfillEffect } from '../components/customers/OriginBackfillEffect';
import { SyncStatusIndicator } from '../components/sync/SyncStatusIndicator';
import { SavedViewsNav } from '../components/customers/SavedViewsNav';
import { ErrorBoundary } from './ErrorBoundary';
import { ActionKeysEffect } from './actions/keyboard';
import { MenuActionsEffect } from './actions/menu';
import { GLOBAL_ACTIONS } from './actions/registry';
import { NavBadge } from './NavBadge';
import { NAV_ITEMS } from './navigation';
import { usePaletteStore } from './actions/palette-store';
import { lazyNamed, WhenFirstOpened } from './lazy';
import { useAfterFirstScreen } from './first-screen';
import { RouteFocusEffect } from './route-focus';

// Loaded when first opened (cmdk), or only when the first-run questions are due.
const CommandPalette = lazyNamed(() => import('./actions/CommandPalette'), 'CommandPalette');
const FirstRunDialog = lazyNamed(
  () => import('../components/settings/FirstRunDialog'),
  'FirstRunDialog',
);

const SHORTCUT_HINTS = GLOBAL_ACTIONS.filter((action) => action.keys && action.hint);

export function AppLayout() {
  const total = useTotalCustomers();
  const paletteOpen = usePaletteStore((state) => state.open);
  // The first-run questions wait for the first screen (a dialog over the list, never before it).
  const firstRun = useFirstRunNeeded(useAfterFirstScreen());
  return (
    <div className="shell">
      <ActionKeysEffect />
      <MenuActionsEffect />
      <RouteFocusEffect />
      <WhenFirstOpened open={paletteOpen}>
        <CommandPalette />
      </WhenFirstOpened>
      <TaskRemindersEffect />
      <SyncEffect />
      <AutoBackupEffect />
      <ReportsPreloadEffect />
      <OriginBackfillEffect />
      <WhenFirstOpened open={firstRun === true}>
        <FirstRunDialog />
      </WhenFirstOpened>
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
