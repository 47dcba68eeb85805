/** The sidebar, as data: each feature adds its entry here (and its route in App.tsx). */
export type NavItem = { to: string; label: string };

export const NAV_ITEMS: NavItem[] = [
  { to: '/customers', label: 'Customers' },
  { to: '/settings', label: 'Settings' },
];
