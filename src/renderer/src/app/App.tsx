import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Toasts } from '../components/ui/Toasts';
import { CustomerDetailPage } from '../pages/crm/CustomerDetailPage';
import { CustomerListPage } from '../pages/crm/CustomerListPage';
import { SettingsPage } from '../pages/crm/SettingsPage';
import { AppLayout } from './AppLayout';
import { ErrorBoundary } from './ErrorBoundary';
import { StorageGate } from './StorageGate';

// Hash routing: the packaged app loads from file://, where path routes cannot be served.
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
