import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { ConflictRule } from '../../sync/conflict-rules';
import type { ResolvedConflict } from '../../sync/resolved-log';
import { readResolvedConflicts } from '../../sync/resolved-log';

/** The rule in words, as the user reads it in "Resolved on sync". */
export const RULE_LABELS: Record<ConflictRule, string> = {
  'later-owner-wins': 'Later assignment wins',
  'one-role-per-member': 'One role per person',
  'duplicate-link': 'One link kept',
  'later-email-claim': 'Later email claim wins',
  restored: 'Given back',
};

export type ResolvedItem = {
  key: string;
  rule: string;
  what: string;
  /** A customer to open (the one who lost an address, or one end of a link). */
  customer: { id: string; name: string } | null;
  resolvedAt: string;
};

type Names = {
  tasks: Map<string, string>;
  members: Map<string, string>;
  customers: Map<string, string>;
};

function describe(entry: ResolvedConflict, names: Names): string {
  const member = (index: number) => names.members.get(entry.member_ids[index] ?? '') ?? 'Someone';
  const customer = (index: number) =>
    names.customers.get(entry.customer_ids[index] ?? '') ?? 'a customer';
  const task = names.tasks.get(entry.task_id ?? '') ?? 'a task';
  switch (entry.rule) {
    case 'later-owner-wins':
      return `“${task}”: two owners were set on different computers. ${member(1)} stays owner; ${member(0)} is now a collaborator.`;
    case 'one-role-per-member':
      return `“${task}”: ${member(0)} was given two roles on different computers; one was kept.`;
    case 'duplicate-link':
      return `${customer(0)} and ${customer(1)} were linked the same way twice; the first link was kept.`;
    case 'later-email-claim':
      return `${entry.address ?? 'An address'} was given to two customers. ${customer(1)} keeps it (added later); it was removed from ${customer(0)}. Both are proposed as duplicates.`;
    case 'restored':
      if (entry.table === 'crm_task_assignments')
        return `“${task}”: ${member(0)}'s role, taken by an earlier fix made before every change had arrived, is given back.`;
      if (entry.table === 'customer_relationships')
        return `The link between ${customer(0)} and ${customer(1)}, removed by an earlier fix made before every change had arrived, is given back.`;
      return `${entry.address ?? 'An address'} is given back to ${customer(0)}: the fix that removed it is undone by changes that arrived since.`;
  }
}

function fullName(row: { first_name?: string; last_name?: string } | undefined): string | null {
  const name = [row?.first_name, row?.last_name].filter(Boolean).join(' ');
  return row ? name || 'Unnamed customer' : null;
}

async function namesFor(entries: readonly ResolvedConflict[]): Promise<Names> {
  const db = getDb();
  const ids = (pick: (entry: ResolvedConflict) => (string | null)[]) => [
    ...new Set(entries.flatMap(pick).filter((id): id is string => typeof id === 'string')),
  ];
  const taskIds = ids((e) => [e.task_id]);
  const memberIds = ids((e) => e.member_ids);
  const customerIds = ids((e) => e.customer_ids);
  const [tasks, members, customers] = await Promise.all([
    db.crm_tasks.bulkGet(taskIds),
    db.team_members.bulkGet(memberIds),
    db.customer_profiles.bulkGet(customerIds),
  ]);
  const map = (keys: string[], values: (string | null | undefined)[]) =>
    new Map(keys.flatMap((key, i) => (values[i] ? [[key, values[i] as string]] : [])));
  return {
    tasks: map(
      taskIds,
      tasks.map((t) => t?.title),
    ),
    members: map(
      memberIds,
      members.map((m) => m?.name),
    ),
    customers: map(customerIds, customers.map(fullName)),
  };
}

/** What the conflict rules fixed on this computer, newest first. */
export function useResolvedConflicts(): ResolvedItem[] | undefined {
  return useLiveQuery(async () => {
    const entries = await readResolvedConflicts(getDb());
    const names = await namesFor(entries);
    return entries.map((entry, index) => {
      const customerId = entry.customer_ids[0];
      const name = customerId ? names.customers.get(customerId) : undefined;
      return {
        key: `${entry.row_id}/${entry.hlc}/${index}`,
        rule: RULE_LABELS[entry.rule],
        what: describe(entry, names),
        customer: customerId && name ? { id: customerId, name } : null,
        resolvedAt: entry.resolved_at,
      };
    });
  }, []);
}
