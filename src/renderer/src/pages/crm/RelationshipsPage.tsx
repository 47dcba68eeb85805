import { Link, useSearchParams } from 'react-router';
import { CustomerPicker } from '../../components/relationships/CustomerPicker';
import { AllLinksList } from '../../components/relationships/AllLinksList';
import { NetworkEditor } from '../../components/relationships/NetworkEditor';
import { useCustomerName } from '../../hooks/relationships/use-network';

const networkOf = (id: string) => `/relationships?customer=${encodeURIComponent(id)}`;

/**
 * Every relationship with a filter; pick a customer to see and edit their network. A name
 * jumps to that person's network.
 */
export function RelationshipsPage() {
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customer');
  const name = useCustomerName(customerId);

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Relationships</h1>
        <div className="page-actions network-finder">
          <CustomerPicker
            label="Find a customer"
            placeholder="Find a customer"
            onPick={(customer) => setParams({ customer: customer.id })}
            autoFocus={!customerId}
          />
        </div>
      </header>
      <div className="page-body">
        {!customerId ? (
          <>
            <p className="network-hint">
              Type a name in <strong>Find a customer</strong>, at the top right, to see and edit who
              they manage, represent, book or work with. Every relationship is listed below: a name
              opens that person&apos;s network.
            </p>
            <AllLinksList linkTo={networkOf} />
          </>
        ) : name === undefined ? (
          <p className="field-hint" aria-busy="true">
            Loading…
          </p>
        ) : name === null ? (
          <div className="empty">
            <h2>This customer is not here</h2>
            <p>It was deleted, or the link is out of date.</p>
          </div>
        ) : (
          <>
            <div className="network-heading">
              <h2 className="network-name">{name}</h2>
              <Link to={`/customers/${customerId}`} className="btn btn-ghost btn-small">
                Open customer
              </Link>
              <Link to="/relationships" className="btn btn-ghost btn-small">
                All relationships
              </Link>
            </div>
            <NetworkEditor
              key={customerId}
              customerId={customerId}
              customerName={name}
              linkTo={networkOf}
            />
          </>
        )}
      </div>
    </>
  );
}
