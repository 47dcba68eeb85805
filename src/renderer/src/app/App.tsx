import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Toasts } from '../components/ui/Toasts';
import { CustomerListPage } from '../pages/crm/CustomerListPage';
import { AppLayout } from './AppLayout';
import { ErrorBoundary } from './ErrorBoundary';
import { LazyPage, lazyNamed } from './lazy';
import { StorageGate } from './StorageGate';

// The customer list is the start page and ships in the entry chunk; every other page loads
// when first visited.
const CustomerDetailPage = lazyNamed(
  () => import('../pages/crm/CustomerDetailPage'),
  'CustomerDetailPage',
);
const DealDetailPage = lazyNamed(() => import('../pages/crm/DealDetailPage'), 'DealDetailPage');
const DealPipelinePage = lazyNamed(
  () => import('../pages/crm/DealPipelinePage'),
  'DealPipelinePage',
);
const ImportExportPage = lazyNamed(
  () => import('../pages/crm/ImportExportPage'),
  'ImportExportPage',
);
const RelationshipsPage = lazyNamed(
  () => import('../pages/crm/RelationshipsPage'),
  'RelationshipsPage',
);
const SettingsPage = lazyNamed(() => import('../pages/crm/SettingsPage'), 'SettingsPage');
const TaskDetailPage = lazyNamed(() => import('../pages/crm/TaskDetailPage'), 'TaskDetailPage');
const TaskManagerPage = lazyNamed(() => import('../pages/crm/TaskManagerPage'), 'TaskManagerPage');

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
              <Route
                path="customers/:customerId"
                element={
                  <LazyPage>
                    <CustomerDetailPage />
                  </LazyPage>
                }
              />
              <Route
                path="deals"
                element={
                  <LazyPage>
                    <DealPipelinePage />
                  </LazyPage>
                }
              />
              <Route
                path="deals/:dealId"
                element={
                  <LazyPage>
                    <DealDetailPage />
                  </LazyPage>
                }
              />
              <Route
                path="tasks"
                element={
                  <LazyPage>
                    <TaskManagerPage />
                  </LazyPage>
                }
              />
              <Route
                path="tasks/:taskId"
                element={
                  <LazyPage>
                    <TaskDetailPage />
                  </LazyPage>
                }
              />
              <Route
                path="relationships"
                element={
                  <LazyPage>
                    <RelationshipsPage />
                  </LazyPage>
                }
              />
              <Route
                path="import"
                element={
                  <LazyPage>
                    <ImportExportPage />
                  </LazyPage>
                }
              />
              <Route
                path="settings"
                element={
                  <LazyPage>
                    <SettingsPage />
                  </LazyPage>
                }
              />
              <Route path="*" element={<Navigate to="/customers" replace />} />
            </Route>
          </Routes>
        </HashRouter>
        <Toasts />
      </StorageGate>
    </ErrorBoundary>
  );
}
