/**
 * Which customers a write touched, from Dexie's `storagemutated` event (the same event live
 * queries use, fired for this window's writes and the workers'): the primary keys of profiles
 * and the customer_id index of emails and phones. Acts as the detection's change journal.
 */
import type { IntervalTree, ObservabilitySet } from 'dexie';

export type MutatedCustomers = {
  ids: Set<string>;
  /** A write too wide to list (a table cleared, a restore): scan everything again. */
  everything: boolean;
  dismissals: boolean;
};

type Node = { from: unknown; to: unknown; l?: Node | null; r?: Node | null };

function collect(tree: IntervalTree, into: MutatedCustomers): void {
  const walk = (node: Node | null | undefined) => {
    if (!node || !('from' in node)) return;
    if (node.from === node.to && typeof node.from === 'string') into.ids.add(node.from);
    else into.everything = true;
    walk(node.l);
    walk(node.r);
  };
  if (tree.d > 0) walk(tree as Node);
}

export function mutatedCustomers(parts: ObservabilitySet, dbName: string): MutatedCustomers {
  const found: MutatedCustomers = { ids: new Set(), everything: false, dismissals: false };
  const base = `idb://${dbName}/`;
  const watched = [
    'customer_profiles/',
    'customer_profiles/:dels',
    'customer_emails/customer_id',
    'customer_phones/customer_id',
  ];
  for (const part of watched) {
    const tree = parts[base + part];
    if (tree) collect(tree, found);
  }
  found.dismissals = Object.keys(parts).some((part) =>
    part.startsWith(`${base}duplicate_dismissals/`),
  );
  return found;
}
