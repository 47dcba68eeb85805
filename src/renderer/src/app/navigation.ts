import { useHighDuplicateCount } from '../hooks/duplicates/use-duplicates';
import { useOverdueCount } from '../hooks/tasks/use-tasks';

/** The sidebar, as data: each feature adds its entry here (and its route in App.tsx). */
export type NavItem = {
  to: string;
  label: string;
  /** A live number shown as a badge beside the label when above zero, e.g. overdue tasks. */
  useCount?: () => number | undefined;
  /** What the number counts, read by screen readers: "3 overdue". */
  countLabel?: string;
};

export const NAV_ITEMS: NavItem[] = [
  { to: '/customers', label: 'Customers' },
  { to: '/deals', label: 'Deals' },
  { to: '/tasks', label: 'Tasks', useCount: useOverdueCount, countLabel: 'overdue' },
  { to: '/reports', label: 'Reports' },
  { to: '/calendar', label: 'Calendar' },
  { to: '/relationships', label: 'Relationships' },
  {
    to: '/duplicates',
    label: 'Duplicates',
    useCount: useHighDuplicateCount,
    countLabel: 'high-confidence',
  },
  { to: '/import', label: 'Import' },
  { to: '/settings', label: 'Settings' },
];
