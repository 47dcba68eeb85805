import { run } from '../../app/actions/runner';
import { shortcutFor } from '../../app/actions/registry';
import { loadDemoCustomers } from './customer-actions';
import { useState } from 'react';
import { Link } from 'react-router';

export function CustomerEmptyState({ onNewCustomer }: { onNewCustomer: () => void }) {
  const [loading, setLoading] = useState(false);
  async function handleLoadDemo() {
    setLoading(true);
    await run(loadDemoCustomers);
    setLoading(false);
  }
  return (
    <div className="empty">
      <h2>No customers yet</h2>
      <p>
        Add the first person you work with (a buyer, an agent, a fan) or explore Encore with
        realistic demo data. Everything stays on this computer.
      </p>
      <div className="button-row">
        <button className="btn btn-primary" onClick={onNewCustomer}>
          New customer <kbd>{shortcutFor('new-customer')}</kbd>
        </button>
        <button className="btn" onClick={() => void handleLoadDemo()} disabled={loading}>
          {loading ? 'Loading…' : 'Load demo data'}
        </button>
        <Link className="btn" to="/import">
          Import CSV
        </Link>
      </div>
    </div>
  );
}
