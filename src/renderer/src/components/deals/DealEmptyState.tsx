import { run } from '../../app/actions/runner';
import { loadDemoDeals } from './deal-actions';
import { useState } from 'react';

export function DealEmptyState({ onNewDeal }: { onNewDeal: () => void }) {
  const [loading, setLoading] = useState(false);
  async function handleLoadDemo() {
    setLoading(true);
    await run(loadDemoDeals);
    setLoading(false);
  }
  return (
    <div className="empty">
      <h2>No deals yet</h2>
      <p>
        A deal is a show you are selling: an act, a venue, a date and the money. Start one, or
        explore the board with demo deals (demo customers are added if you have none).
      </p>
      <div className="button-row">
        <button className="btn btn-primary" onClick={onNewDeal}>
          New deal
        </button>
        <button className="btn" onClick={() => void handleLoadDemo()} disabled={loading}>
          {loading ? 'Loading…' : 'Load demo deals'}
        </button>
      </div>
    </div>
  );
}
