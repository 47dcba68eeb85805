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

type Found = { id: string; name: string; detail: string; path: string };

/** One section of records found by typing; Enter opens the one selected. */
function PaletteGroup(props: { heading: string; items: Found[]; onOpen(path: string): void }) {
  if (props.items.length === 0) return null;
  return (
    <Command.Group heading={props.heading} className="palette-group">
      {props.items.map((item) => (
        <Command.Item
          key={item.id}
          value={`${props.heading}:${item.id}`}
          className="palette-item"
          onSelect={() => props.onOpen(item.path)}
        >
          <span>{item.name}</span>
          <span className="palette-detail">{item.detail}</span>
        </Command.Item>
      ))}
    </Command.Group>
  );
}

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

  const openPath = (path: string) => choose(() => actionContext().navigate(path));
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
          <PaletteGroup
            heading="Customers"
            items={matches.customers.map((c) => ({ ...c, path: `/customers/${c.id}` }))}
            onOpen={openPath}
          />
          <PaletteGroup
            heading="Deals"
            items={matches.deals.map((d) => ({ ...d, name: d.title, path: `/deals/${d.id}` }))}
            onOpen={openPath}
          />
          <PaletteGroup
            heading="Tasks"
            items={matches.tasks.map((t) => ({
              id: t.id,
              name: t.title,
              detail: t.status,
              path: `/tasks/${t.id}`,
            }))}
            onOpen={openPath}
          />
        </Command.List>
      </Command>
    </DialogShell>
  );
}
