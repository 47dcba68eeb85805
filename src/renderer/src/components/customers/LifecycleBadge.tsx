import type { Lifecycle } from '../../domain/records';

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  inactive: 'Inactive',
};

export function LifecycleBadge({ lifecycle }: { lifecycle: Lifecycle }) {
  return <span className={`badge badge-${lifecycle}`}>{LIFECYCLE_LABELS[lifecycle]}</span>;
}
