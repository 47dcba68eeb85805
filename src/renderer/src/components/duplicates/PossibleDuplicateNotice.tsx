import { Link } from 'react-router';
import { useCustomerRows, useDuplicatesOf } from '../../hooks/duplicates/use-duplicates';
import { CONFIDENCE_LABELS, compareLink, reasonText } from './reason-text';

/** "Possible duplicate of …" on the customer page, with a link to compare and merge. */
export function PossibleDuplicateNotice({ customerId }: { customerId: string }) {
  const pairs = useDuplicatesOf(customerId);
  const others = (pairs ?? []).slice(0, 3).map((pair) => ({
    pair,
    id: pair.a === customerId ? pair.b : pair.a,
  }));
  const rows = useCustomerRows(others.map((other) => other.id));
  if (!pairs || pairs.length === 0 || !rows) return null;
  return (
    <div className="notice notice-warning dup-notice" role="status">
      <ul className="plain-list">
        {others.map(({ pair, id }) => (
          <li key={id}>
            <span className="notice-text">
              Possible duplicate of{' '}
              <Link to={`/customers/${id}`}>
                {rows.get(id)?.display_name ?? 'another customer'}
              </Link>{' '}
              ({CONFIDENCE_LABELS[pair.confidence].toLowerCase()} confidence:{' '}
              {pair.reasons.map(reasonText).join(', ')})
            </span>{' '}
            <Link className="btn btn-small" to={compareLink([customerId, id])}>
              Compare and merge
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
