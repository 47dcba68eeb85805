import { Command } from 'cmdk';
import { useDeferredValue, useState } from 'react';
import { DialogShell } from '../../components/ui/DialogShell';
import { foldText } from '../../domain/text-fold';
import { usePaletteMatches } from '../../hooks/palette/use-palette-matches';
import { actionContext } from './context';
import { usePaletteStore } from './palette-store';
import { GLOBAL_ACTIONS } from './registry';
import { run } from './runner';
import type { GlobalAction } from './types';

function matchingActions(search: string): readonly GlobalAction[] {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  return GLOBAL_ACTIONS.filter(
    (action) =>
      action.id !== 'open-palette' &&
      words.every((word) => foldText(action.label).includes(word)) &&
      (!action.enabled || action.enabled(actionContext())),
  );
}

/**
 * Ctrl/Cmd+K: run any action, or jump to a customer, deal or task by typing. Keyboard only:
 * arrows move, Enter runs or opens, Escape closes (cmdk's listbox in a Radix dialog).
 */
export function CommandPalette() {
  const open = usePaletteStore((state) => state.open);
  const setOpen = usePaletteStore((state) => state.setOpen);
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const matches = usePaletteMatches(deferred);
  const actions = matchingActions(search);

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setSearch('');
  }

  function choose(perform: () => void) {
    handleOpenChange(false);
    perform();
  }

  const go = (path: string) => () => actionContext().navigate(path);
  return (
    <DialogShell
      open={open}
      onOpenChange={handleOpenChange}
      title="Command palette"
      hideTitle
      className="palette"
    >
      <Command label="Command palette" shouldFilter={false} loop>
        <Command.Input
          className="input palette-input"
          placeholder="Type a command, or a customer, deal or task…"
          value={search}
          onValueChange={setSearch}
        />
        <Command.List className="palette-list">
          <Command.Empty className="palette-empty">Nothing matches “{search}”.</Command.Empty>
          {actions.length > 0 && (
            <Command.Group heading="Actions" className="palette-group">
              {actions.map((action) => (
                <Command.Item
                  key={action.id}
                  value={`action:${action.id}`}
                  className="palette-item"
                  onSelect={() => choose(() => void run(action))}
                >
                  <span>{action.label}</span>
                  {action.keys && <kbd>{action.keys[0]}</kbd>}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {matches.customers.length > 0 && (
            <Command.Group heading="Customers" className="palette-group">
              {matches.customers.map((customer) => (
                <Command.Item
                  key={customer.id}
                  value={`customer:${customer.id}`}
                  className="palette-item"
                  onSelect={() => choose(go(`/customers/${customer.id}`))}
                >
                  <span>{customer.name}</span>
                  <span className="palette-detail">{customer.detail}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {matches.deals.length > 0 && (
            <Command.Group heading="Deals" className="palette-group">
              {matches.deals.map((deal) => (
                <Command.Item
                  key={deal.id}
                  value={`deal:${deal.id}`}
                  className="palette-item"
                  onSelect={() => choose(go(`/deals/${deal.id}`))}
                >
                  <span>{deal.title}</span>
                  <span className="palette-detail">{deal.detail}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {matches.tasks.length > 0 && (
            <Command.Group heading="Tasks" className="palette-group">
              {matches.tasks.map((task) => (
                <Command.Item
                  key={task.id}
                  value={`task:${task.id}`}
                  className="palette-item"
                  onSelect={() => choose(go(`/tasks/${task.id}`))}
                >
                  <span>{task.title}</span>
                  <span className="palette-detail">{task.status}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
      </Command>
    </DialogShell>
  );
}
