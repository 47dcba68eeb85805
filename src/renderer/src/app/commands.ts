/**
 * CRM commands as data: the key handler, menus and hints share this one list, so a shortcut
 * shown in the UI is the shortcut that works.
 */
export type CommandContext = {
  navigate: (path: string) => void;
  emit: (event: CommandEvent) => void;
};
export type CommandEvent = 'new-customer' | 'focus-search';

export type Command = {
  id: string;
  label: string;
  /** A single key, matched when no text field has focus. */
  key: string;
  /** One word for the sidebar's shortcut hint. */
  hint: string;
  perform: (context: CommandContext) => void;
};

export const COMMANDS: Command[] = [
  {
    id: 'new-customer',
    label: 'New customer',
    key: 'c',
    hint: 'new',
    perform: ({ navigate, emit }) => {
      navigate('/customers');
      emit('new-customer');
    },
  },
  {
    id: 'focus-search',
    label: 'Search customers',
    key: '/',
    hint: 'search',
    perform: ({ navigate, emit }) => {
      navigate('/customers');
      emit('focus-search');
    },
  },
  {
    id: 'go-deals',
    label: 'Open the deal pipeline',
    key: 'd',
    hint: 'deals',
    perform: ({ navigate }) => navigate('/deals'),
  },
  {
    id: 'go-settings',
    label: 'Open settings',
    key: ',',
    hint: 'settings',
    perform: ({ navigate }) => navigate('/settings'),
  },
];

export function shortcutFor(id: string): string | undefined {
  return COMMANDS.find((command) => command.id === id)?.key;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
