import { useAfterFirstScreen } from './first-screen';
import type { NavItem } from './navigation';

type Props = { useCount: NonNullable<NavItem['useCount']>; label?: string | undefined };

/**
 * A nav item's live number (e.g. overdue tasks), shown only when there is something to see.
 * Counted once the first screen is shown (the duplicates count starts its worker).
 */
export function NavBadge(props: Props) {
  return useAfterFirstScreen() ? <Badge {...props} /> : null;
}

function Badge({ useCount, label }: Props) {
  const count = useCount();
  if (!count) return null;
  return (
    <span className="nav-badge">
      {count.toLocaleString()}
      {label && <span className="visually-hidden"> {label}</span>}
    </span>
  );
}
