import * as Tabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';

export type Panel = { value: string; label: ReactNode; content: ReactNode };

type Props = { label: string; panels: readonly Panel[]; defaultValue: string };

/** Tabs over panels (Radix Tabs: arrow keys between tabs, one panel shown). */
export function TabbedPanels({ label, panels, defaultValue }: Props) {
  return (
    <Tabs.Root defaultValue={defaultValue} className="tabs">
      <Tabs.List className="tabs-list" aria-label={label}>
        {panels.map((panel) => (
          <Tabs.Trigger key={panel.value} className="tab" value={panel.value}>
            {panel.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {panels.map((panel) => (
        <Tabs.Content key={panel.value} className="tab-panel" value={panel.value}>
          {panel.content}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
