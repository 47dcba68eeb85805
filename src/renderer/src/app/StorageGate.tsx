import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { readByFirstPaint } from './first-paint/first-read';
import { handOverFirstPaint } from './first-paint/overlay';
import { exportRescueBackup } from './rescue-export';
import { StartupError, openStorage, type StartupProblem } from './storage-startup';
import { describeStorageError } from './storage-errors';

type GateState =
  | { status: 'opening'; work: string }
  | { status: 'ready' }
  | { status: 'failed'; problem: StartupProblem };

/**
 * Opens the local database before anything renders (after a backup before a schema upgrade,
 * and the swap of a staged restore: storage-startup.ts), and asks the browser to keep the
 * data (persistent storage is not evicted under disk pressure). A failure is shown in words
 * with a way out, never as a blank screen.
 *
 * When the first paint drew the list (app/first-paint), the app renders at once, while the
 * database opens: the picture's read proved the database exists at this build's version (no
 * upgrade, so no backup before it) with no restore staged, and the list starts from that
 * read. Dexie queues the other reads until it is open; a failure still replaces the app.
 */
export function StorageGate({ children }: { children: ReactNode }) {
  const [drawnFirst] = useState(() => readByFirstPaint() !== null);
  const [state, setState] = useState<GateState>(
    drawnFirst ? { status: 'ready' } : { status: 'opening', work: 'Opening your data…' },
  );
  const [attempt, setAttempt] = useState({ count: 0, skipUpgradeBackup: false });

  useEffect(() => {
    let cancelled = false;
    void navigator.storage?.persist?.().catch(() => false);
    // Rendered already (the first paint's read): the plain "opening" never replaces the app.
    const renderedWhileOpening = attempt.count === 0 && drawnFirst;
    openStorage(attempt.count, {
      skipUpgradeBackup: attempt.skipUpgradeBackup,
      onWork: (work) =>
        !cancelled && !renderedWhileOpening && setState({ status: 'opening', work }),
    })
      .then(
        () => !cancelled && setState((now) => (now.status === 'ready' ? now : { status: 'ready' })),
      )
      .catch((error: unknown) => {
        if (cancelled) return;
        const problem = error instanceof StartupError ? error.problem : describeStorageError(error);
        setState({ status: 'failed', problem });
        handOverFirstPaint(); // the problem shows, never a picture of the list over it
      });
    return () => {
      cancelled = true;
    };
  }, [attempt, drawnFirst]);

  const retry = (skipUpgradeBackup: boolean) => {
    setState({ status: 'opening', work: 'Opening your data…' });
    setAttempt((previous) => ({ count: previous.count + 1, skipUpgradeBackup }));
  };

  if (state.status === 'opening')
    return (
      <div className="empty" aria-busy="true" aria-live="polite">
        {state.work}
      </div>
    );
  if (state.status === 'failed') {
    return (
      <main className="fatal" role="alert">
        <h1>{state.problem.title}</h1>
        <p>{state.problem.detail}</p>
        <div className="dialog-actions">
          {state.problem.canExport && (
            <button className="btn" onClick={() => void exportRescueBackup()}>
              Export backup
            </button>
          )}
          {state.problem.canSkipBackup && (
            <button className="btn" onClick={() => retry(true)}>
              Continue without a backup
            </button>
          )}
          <button className="btn btn-primary" onClick={() => retry(false)}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  return <>{children}</>;
}
