import type { ComponentType, LazyExoticComponent } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Toasts } from '../components/ui/Toasts';
import { CustomerListPage } from '../pages/crm/CustomerListPage';
import { AppLayout } from './AppLayout';
import { ErrorBoundary } from './ErrorBoundary';
import { LazyPage, lazyNamed } from './lazy';
import { StorageGate } from './StorageGate';

// The customer list is the start page and ships in the entry chunk; every other page loads
// when first visited.
const LAZY_ROUTES: readonly [path: string, page: LazyExoticComponent<ComponentType>][] = [
  [
    'customers/:customerId',
    lazyNamed(() => import('../pages/crm/CustomerDetailPage'), 'CustomerDetailPage'),
  ],
  ['deals', lazyNamed(() => import('../pages/crm/DealPipelinePage'), 'DealPipelinePage')],
  ['deals/:dealId', lazyNamed(() => import('../pages/crm/DealDetailPage'), 'DealDetailPage')],
  ['tasks', lazyNamed(() => import('../pages/crm/TaskManagerPage'), 'TaskManagerPage')],
  ['tasks/:taskId', lazyNamed(() => import('../pages/crm/TaskDetailPage'), 'TaskDetailPage')],
  ['reports', lazyNamed(() => import('../pages/crm/ReportsPage'), 'ReportsPage')],
  ['reports/list', lazyNamed(() => import('../pages/crm/ReportListPage'), 'ReportListPage')],
  ['calendar', lazyNamed(() => import('../pages/crm/ShowCalendarPage'), 'ShowCalendarPage')],
  ['relationships', lazyNamed(() => import('../pages/crm/RelationshipsPage'), 'RelationshipsPage')],
  ['duplicates', lazyNamed(() => import('../pages/crm/DuplicatesPage'), 'DuplicatesPage')],
  ['duplicates/merge/:ids', lazyNamed(() => import('../pages/crm/MergePage'), 'MergePage')],
  ['import', lazyNamed(() => import('../pages/crm/ImportExportPage'), 'ImportExportPage')],
  ['settings', lazyNamed(() => import('../pages/crm/SettingsPage'), 'SettingsPage')],
];

// Hash routing: the packaged app loads from app://encore, whose handler serves files, not routes.
export function App() {
  return (
    <ErrorBoundary>
      <StorageGate>
        <HashRouter>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<Navigate to="/customers" replace />} />
              <Route path="customers" element={<CustomerListPage />} />
              {LAZY_ROUTES.map(([path, Page]) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <LazyPage>
                      <Page />
                    </LazyPage>
                  }
                />
              ))}
              <Route path="*" element={<Navigate to="/customers" replace />} />
            </Route>
          </Routes>
        </HashRouter>
        <Toasts />
      </StorageGate>
    </ErrorBoundary>
  );
}
