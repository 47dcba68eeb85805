import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Toasts } from '../components/ui/Toasts';
import { CustomerDetailPage } from '../pages/crm/CustomerDetailPage';
import { CustomerListPage } from '../pages/crm/CustomerListPage';
import { DealDetailPage } from '../pages/crm/DealDetailPage';
import { DealPipelinePage } from '../pages/crm/DealPipelinePage';
import { DuplicatesPage } from '../pages/crm/DuplicatesPage';
import { ImportExportPage } from '../pages/crm/ImportExportPage';
import { MergePage } from '../pages/crm/MergePage';
import { ReportListPage } from '../pages/crm/ReportListPage';
import { ReportsPage } from '../pages/crm/ReportsPage';
import { ShowCalendarPage } from '../pages/crm/ShowCalendarPage';
import { RelationshipsPage } from '../pages/crm/RelationshipsPage';
import { SettingsPage } from '../pages/crm/SettingsPage';
import { TaskDetailPage } from '../pages/crm/TaskDetailPage';
import { TaskManagerPage } from '../pages/crm/TaskManagerPage';
import { AppLayout } from './AppLayout';
import { ErrorBoundary } from './ErrorBoundary';
import { StorageGate } from './StorageGate';

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
              <Route path="customers/:customerId" element={<CustomerDetailPage />} />
              <Route path="deals" element={<DealPipelinePage />} />
              <Route path="deals/:dealId" element={<DealDetailPage />} />
              <Route path="tasks" element={<TaskManagerPage />} />
              <Route path="tasks/:taskId" element={<TaskDetailPage />} />
              <Route path="reports" element={<ReportsPage />} />
              <Route path="reports/list" element={<ReportListPage />} />
              <Route path="calendar" element={<ShowCalendarPage />} />
              <Route path="relationships" element={<RelationshipsPage />} />
              <Route path="duplicates" element={<DuplicatesPage />} />
              <Route path="duplicates/merge/:ids" element={<MergePage />} />
              <Route path="import" element={<ImportExportPage />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="*" element={<Navigate to="/customers" replace />} />
            </Route>
          </Routes>
        </HashRouter>
        <Toasts />
      </StorageGate>
    </ErrorBoundary>
  );
}
