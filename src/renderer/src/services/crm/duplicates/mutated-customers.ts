/**
 * Which customers a write touched, from Dexie's `storagemutated` event (the same event live
 * queries use, fired for this window's writes and the workers'): the primary keys of profiles
 * and the customer_id index of emails and phones. Acts as the detection's change journal.
 */
import type { IntervalTree, ObservabilitySet } from 'dexie';

export type MutatedCustomers = {
  ids: Set<string>;
  /**
   * Emails and phones written, by row id: an update that keeps its customer_id (a pulled
   * tombstone, a new address) does not show in the customer_id index part.
   */
  emailIds: Set<string>;
  phoneIds: Set<string>;
  /** A write too wide to list (a table cleared, a restore): scan everything again. */
  everything: boolean;
  dismissals: boolean;
};

type Node = { from: unknown; to: unknown; l?: Node | null; r?: Node | null };

function collect(tree: IntervalTree, into: MutatedCustomers, ids: Set<string>): void {
  const walk = (node: Node | null | undefined) => {
    if (!node || !('from' in node)) return;
    if (node.from === node.to && typeof node.from === 'string') ids.add(node.from);
    else into.everything = true;
    walk(node.l);
    walk(node.r);
  };
  if (tree.d > 0) walk(tree as Node);
}

export function mutatedCustomers(parts: ObservabilitySet, dbName: string): MutatedCustomers {
  const found: MutatedCustomers = {
    ids: new Set(),
    emailIds: new Set(),
    phoneIds: new Set(),
    everything: false,
    dismissals: false,
  };
  const base = `idb://${dbName}/`;
  const watched: [string, Set<string>][] = [
    ['customer_profiles/', found.ids],
    ['customer_profiles/:dels', found.ids],
    ['customer_emails/customer_id', found.ids],
    ['customer_phones/customer_id', found.ids],
    ['customer_emails/', found.emailIds],
    ['customer_phones/', found.phoneIds],
  ];
  for (const [part, ids] of watched) {
    const tree = parts[base + part];
    if (tree) collect(tree, found, ids);
  }
  found.dismissals = Object.keys(parts).some((part) =>
    part.startsWith(`${base}duplicate_dismissals/`),
  );
  return found;
}
