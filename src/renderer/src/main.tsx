import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startApp } from './app/boot';
import './styles/tokens.css';
import './styles/app.css';
import './styles/tasks.css';
import './styles/deals.css';
import './styles/export.css';
import './styles/import.css';
import './styles/sync.css';
import './styles/backup.css';
import './styles/palette.css';
import './styles/duplicates.css';
import './styles/reports.css';

// Every module of the start chunk has run (bench/startup-trace.mjs reads the encore: marks).
performance.mark('encore:scripts-evaluated');

if (new URLSearchParams(window.location.search).has('dev')) {
  void import('./dev/dev-hooks').then((hooks) => hooks.installDevHooks());
}

startApp();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
