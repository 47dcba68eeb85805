/**
 * Pure rules for rows that are each valid but break a local rule together once two laptops'
 * offline work meets (two owners on a task, one person twice on a task, the same link twice,
 * one email address on two customers). Every laptop applies the same rules to the same rows
 * and decides by the rows' clocks and ids, never by the order they arrived in, so every
 * laptop makes the same fix; the fix is pushed like any change, and stamped with a clock
 * derived from the conflict's own clocks, so the copies every laptop pushes are identical.
 */
import { formatHlc, maxHlc, parseHlc } from '../../../shared/sync/hlc';
import { linkKey } from '../domain/relationships/catalogue';
import { isRelationshipType } from '../domain/relationships/catalogue';
import type { CrmTaskAssignment, CustomerEmail, CustomerRelationship } from '../domain/records';

export type ConflictRule =
  'later-owner-wins' | 'one-role-per-member' | 'duplicate-link' | 'later-email-claim';

/** The fields whose latest clock is the moment a row made its claim (owner, link, address). */
export const CLAIM_FIELDS = {
  crm_task_assignments: ['task_id', 'member_id', 'assignment_type', 'deleted'],
  customer_relationships: ['from_customer_id', 'to_customer_id', 'type', 'deleted'],
  customer_emails: ['customer_id', 'address', 'address_normalized', 'deleted'],
} as const;

export type ConflictTable = keyof typeof CLAIM_FIELDS;

export function isConflictTable(name: string): name is ConflictTable {
  return Object.hasOwn(CLAIM_FIELDS, name);
}

/** A row with its claim clock ('' when this laptop does not know it: it then sorts first). */
export type Claimed<T> = { row: T; claim: string };

export type Fix<T> = {
  rule: ConflictRule;
  /** The row as it is to be stored. */
  row: T;
  /** What the rule changed. */
  changes: Partial<T>;
  /** The row that kept its place. */
  kept: T;
  /** The clock the fix is stamped with (just after every claim of the conflict). */
  hlc: string;
};

/** The latest claim clock of a set of rows. */
export function latestClaim(claims: readonly string[]): string {
  return claims.reduce<string>((latest, claim) => maxHlc(latest, claim) ?? latest, '');
}

/**
 * The clock of a fix: later than every claim of the conflict (so it wins over them on every
 * replica and the server) and earlier than any change made after seeing them (a laptop that
 * saw the latest claim stamps its next change with a greater counter or millisecond). The
 * node gets a suffix, which sorts after the node itself. Null when no claim clock is known.
 */
export function clockAfter(claims: readonly string[]): string | null {
  const clock = parseHlc(latestClaim(claims));
  if (!clock) return null;
  if (clock.node.length <= 62) return formatHlc({ ...clock, node: `${clock.node}_r` });
  return formatHlc({ ms: clock.ms, counter: clock.counter + 1, node: 'r' });
}

/** Later claim first; equal claims by the greater id (any fixed order would do). */
function laterFirst<T extends { id: string }>(a: Claimed<T>, b: Claimed<T>): number {
  if (a.claim !== b.claim) return a.claim > b.claim ? -1 : 1;
  return a.row.id > b.row.id ? -1 : a.row.id < b.row.id ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function fixOf<T extends { id: string }>(
  rule: ConflictRule,
  loser: Claimed<T>,
  changes: Partial<T>,
  kept: Claimed<T>,
  hlc: string,
): Fix<T> {
  return { rule, row: { ...loser.row, ...changes }, changes, kept: kept.row, hlc };
}

type Assignment = CrmTaskAssignment;

/** Owner rows first (so a conflict never leaves a task without its owner), then later first. */
function ownerFirst(a: Claimed<Assignment>, b: Claimed<Assignment>): number {
  const owner = (row: Claimed<Assignment>) => (row.row.assignment_type === 'owner' ? 0 : 1);
  return owner(a) - owner(b) || laterFirst(a, b);
}

/**
 * One task's assignments. First one role per member: when a member holds two live rows, an
 * owner row stays (else the later one) and the others go. Then one owner: the later owner stays owner and every
 * other owner becomes a collaborator (still on the task, not in charge of it).
 */
function fixTask(rows: readonly Claimed<Assignment>[], fallback: () => string): Fix<Assignment>[] {
  const hlc = clockAfter(rows.map((row) => row.claim)) ?? fallback();
  const fixes: Fix<Assignment>[] = [];
  const remaining: Claimed<Assignment>[] = [];
  for (const same of groupBy(rows, (row) => row.row.member_id).values()) {
    const [kept, ...others] = [...same].sort(ownerFirst);
    if (!kept) continue;
    remaining.push(kept);
    for (const other of others)
      fixes.push(fixOf('one-role-per-member', other, { deleted: 1 }, kept, hlc));
  }
  const owners = remaining.filter((row) => row.row.assignment_type === 'owner').sort(laterFirst);
  const [owner, ...demoted] = owners;
  for (const other of demoted)
    fixes.push(fixOf('later-owner-wins', other, { assignment_type: 'collaborator' }, owner!, hlc));
  return fixes;
}

export function fixAssignments(
  rows: readonly Claimed<Assignment>[],
  fallback: () => string,
): Fix<Assignment>[] {
  const live = rows.filter((row) => row.row.deleted === 0);
  return [...groupBy(live, (row) => row.row.task_id).values()].flatMap((task) =>
    task.length > 1 ? fixTask(task, fallback) : [],
  );
}

/**
 * The same link twice (a symmetric one in either reading): the one created first (the
 * smallest id: ids are time-ordered) stays, the others are tombstoned. Decided by id alone,
 * so it holds even where a row's clock is not known.
 */
export function fixLinks(
  rows: readonly Claimed<CustomerRelationship>[],
  fallback: () => string,
): Fix<CustomerRelationship>[] {
  const live = rows.filter(
    (row) =>
      row.row.deleted === 0 &&
      isRelationshipType(row.row.type) &&
      row.row.from_customer_id !== row.row.to_customer_id,
  );
  const groups = groupBy(live, ({ row }) =>
    linkKey({
      from: row.from_customer_id,
      to: row.to_customer_id,
      type: row.type as Parameters<typeof linkKey>[0]['type'],
    }),
  );
  const fixes: Fix<CustomerRelationship>[] = [];
  for (const same of groups.values()) {
    if (same.length < 2) continue;
    const hlc = clockAfter(same.map((row) => row.claim)) ?? fallback();
    const [kept, ...others] = [...same].sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
    for (const other of others)
      fixes.push(fixOf('duplicate-link', other, { deleted: 1 }, kept!, hlc));
  }
  return fixes;
}

/**
 * One address on live customers: the later claim keeps it, the other customers' rows with it
 * are tombstoned. `liveCustomer` says whether a customer counts (a deleted one claims nothing).
 */
export function fixEmails(
  rows: readonly Claimed<CustomerEmail>[],
  liveCustomer: (id: string) => boolean,
  fallback: () => string,
): Fix<CustomerEmail>[] {
  const live = rows.filter((row) => row.row.deleted === 0 && liveCustomer(row.row.customer_id));
  const fixes: Fix<CustomerEmail>[] = [];
  for (const same of groupBy(live, (row) => row.row.address_normalized).values()) {
    if (new Set(same.map((row) => row.row.customer_id)).size < 2) continue;
    const hlc = clockAfter(same.map((row) => row.claim)) ?? fallback();
    const [kept, ...others] = [...same].sort(laterFirst);
    for (const other of others) {
      // Another row of the winner's own customer is not a conflict (the guard allows it).
      if (other.row.customer_id === kept!.row.customer_id) continue;
      fixes.push(fixOf('later-email-claim', other, { deleted: 1 }, kept!, hlc));
    }
  }
  return fixes;
}
