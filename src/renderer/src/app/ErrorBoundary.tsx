import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';
import { handOverFirstPaint } from './first-paint/overlay';
import { exportRescueBackup } from './rescue-export';

type Props = { children: ReactNode };
type State = { error: Error | null };

/** The last line of defence: a crash in one screen shows a message, not a white page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Encore CRM screen crashed', error, info.componentStack);
    handOverFirstPaint(); // the message shows, never the first paint's picture over it
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>Something went wrong on this screen</h1>
        <p>Your data is safe in local storage. Go back to the list, or export a backup.</p>
        <pre>{this.state.error.message}</pre>
        <div className="dialog-actions">
          <button className="btn" onClick={() => void exportRescueBackup()}>
            Export backup
          </button>
          <button
            className="btn btn-primary"
            onClick={() => {
              this.setState({ error: null });
              window.location.hash = '#/customers';
            }}
          >
            Back to customers
          </button>
        </div>
      </main>
    );
  }
}
