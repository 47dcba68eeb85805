import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { getDb } from '../db/instance';
import { exportBackup } from './backup-export';
import type { StorageProblem } from './storage-errors';
import { describeStorageError } from './storage-errors';

type GateState =
  { status: 'opening' } | { status: 'ready' } | { status: 'failed'; problem: StorageProblem };

/**
 * Opens the local database before anything renders, and asks the browser to keep the data
 * (persistent storage is not evicted under disk pressure). A failure is shown in words with
 * a way to export, never as a blank screen.
 */
export function StorageGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ status: 'opening' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void navigator.storage?.persist?.().catch(() => false);
    getDb()
      .open()
      .then(() => !cancelled && setState({ status: 'ready' }))
      .catch(
        (error: unknown) =>
          !cancelled && setState({ status: 'failed', problem: describeStorageError(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (state.status === 'opening')
    return (
      <div className="empty" aria-busy="true">
        Opening your data…
      </div>
    );
  if (state.status === 'failed') {
    return (
      <main className="fatal" role="alert">
        <h1>{state.problem.title}</h1>
        <p>{state.problem.detail}</p>
        <div className="dialog-actions">
          {state.problem.canExport && (
            <button className="btn" onClick={() => void exportBackup()}>
              Export backup
            </button>
          )}
          <button
            className="btn btn-primary"
            onClick={() => {
              setState({ status: 'opening' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </div>
      </main>
    );
  }
  return <>{children}</>;
}
