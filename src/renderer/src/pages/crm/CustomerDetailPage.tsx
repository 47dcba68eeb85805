import { run } from '../../app/actions/runner';
import { deleteCustomer } from '../../components/customers/customer-actions';
import { Link, useParams } from 'react-router';
import { CUSTOMER_TABS } from '../../components/customers/customer-tabs';
import { LifecycleBadge } from '../../components/customers/LifecycleBadge';
import { PossibleDuplicateNotice } from '../../components/duplicates/PossibleDuplicateNotice';
import { TabbedPanels } from '../../components/ui/TabbedPanels';
import { displayName } from '../../domain/display-name';
import { useCustomer } from '../../hooks/customers/use-customers';
import { useDefaultRegion } from '../../hooks/settings/use-settings';
import { useTeamMembers } from '../../hooks/team/use-team';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function CustomerDetailPage() {
  const { customerId = '' } = useParams();
  const record = useCustomer(customerId);
  const members = useTeamMembers();
  const defaultRegion = useDefaultRegion();

  if (record === undefined)
    return (
      <div className="empty" aria-busy="true">
        Loading…
      </div>
    );
  if (record === null) {
    return (
      <div className="empty">
        <h2>This customer is not here</h2>
        <p>It was deleted, or the link is out of date.</p>
        <Link className="btn" to="/customers">
          Back to customers
        </Link>
      </div>
    );
  }
  const { profile, emails } = record;
  const name = displayName(profile, emails[0]?.address);
  const context = { record, members, defaultRegion };

  async function handleDelete() {
    await run(deleteCustomer, { id: profile.id, name });
  }

  return (
    <>
      <header className="page-header">
        <Link to="/customers" className="btn btn-ghost" aria-label="Back to customers">
          ←
        </Link>
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <div>
          <h1 className="page-title">{name}</h1>
          <span className="page-subtitle">
            <LifecycleBadge lifecycle={profile.lifecycle} />
          </span>
        </div>
        <div className="page-actions">
          <button className="btn btn-danger" onClick={() => void handleDelete()}>
            Delete customer
          </button>
        </div>
      </header>
      <PossibleDuplicateNotice customerId={profile.id} />
      <TabbedPanels
        label="Customer sections"
        defaultValue="contact"
        panels={CUSTOMER_TABS.map((tab) => ({
          value: tab.value,
          label: tab.label(context),
          content: tab.render(context),
        }))}
      />
    </>
  );
}
