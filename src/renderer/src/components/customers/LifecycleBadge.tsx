import type { Lifecycle } from '../../domain/records';
import { LIFECYCLE_LABELS } from '../../domain/customers/list-cell-format';

// The labels live with the list's other cell texts (the first paint draws them too).
export { LIFECYCLE_LABELS };

export function LifecycleBadge({ lifecycle }: { lifecycle: Lifecycle }) {
  return <span className={`badge badge-${lifecycle}`}>{LIFECYCLE_LABELS[lifecycle]}</span>;
}
