import { useNavigate } from 'react-router';
import type { DuplicateOwner } from '../../services/crm/customers/customer-service';

/** Beside a refused email or phone: opens the customer who already has it. */
export function OpenDuplicateButton({
  owner,
  className = 'btn btn-small',
}: {
  owner: DuplicateOwner;
  className?: string;
}) {
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className={className}
      onClick={() => navigate(`/customers/${owner.customerId}`)}
    >
      Open {owner.displayName}
    </button>
  );
}
