/**
 * The app itself: loaded by main.tsx once the first paint is drawn (or will not be). Its
 * static imports are the start chunk (vite.start-chunk.ts): React, Dexie, the list.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startApp } from './boot';

// Every module of the start chunk has run (bench/startup-trace.mjs reads the encore: marks).
performance.mark('encore:scripts-evaluated');

if (new URLSearchParams(window.location.search).has('dev')) {
  void import('../dev/dev-hooks').then((hooks) => hooks.installDevHooks());
}

startApp();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
