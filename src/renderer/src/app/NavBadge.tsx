import type { NavItem } from './navigation';

type Props = { useCount: NonNullable<NavItem['useCount']>; label?: string | undefined };

/** A nav item's live number (e.g. overdue tasks), shown only when there is something to see. */
export function NavBadge({ useCount, label }: Props) {
  const count = useCount();
  if (!count) return null;
  return (
    <span className="nav-badge">
      {count.toLocaleString()}
      {label && <span className="visually-hidden"> {label}</span>}
    </span>
  );
}
