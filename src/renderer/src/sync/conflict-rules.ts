/**
 * Pure rules for rows that are each valid but break a local rule together once two laptops'
 * offline work meets (two owners on a task, one person twice on a task, the same link twice,
 * one email address on two customers).
 *
 * Confluent by construction: the state a group of rows should be in (a task's assignments, a
 * link's copies, an address's rows) is a function of what PEOPLE wrote, never of the fixes
 * laptops made on the way. A fix only ever writes `deleted` or `assignment_type`, stamped
 * with a resolution clock (node ending in `_r…`), and always the same way: it tombstones or
 * restores a row a person left live, it demotes or restores a row a person made owner. So a
 * field whose clock is a resolution clock still tells what the person wrote (live; owner),
 * and a row's "later" order (its key: the latest person clock among its claim fields and
 * `updated_at`, which every person write bumps and no fix touches) never moves with a fix.
 * Whatever a laptop saw first and fixed in between, the same claims give the same state;
 * a fix made from a partial view that the full view contradicts is undone (restored).
 */
import { formatHlc, maxHlc, parseHlc } from '../../../shared/sync/hlc';
import { isRelationshipType, linkKey } from '../domain/relationships/catalogue';
import type { CrmTaskAssignment, CustomerEmail, CustomerRelationship } from '../domain/records';

export type ConflictRule =
  'later-owner-wins' | 'one-role-per-member' | 'duplicate-link' | 'later-email-claim' | 'restored';

/** The fields whose latest clock is the moment a row made its claim (owner, link, address). */
export const CLAIM_FIELDS = {
  crm_task_assignments: ['task_id', 'member_id', 'assignment_type', 'deleted'],
  customer_relationships: ['from_customer_id', 'to_customer_id', 'type', 'deleted'],
  customer_emails: ['customer_id', 'address', 'address_normalized', 'deleted'],
} as const;

export type ConflictTable = keyof typeof CLAIM_FIELDS;

/**
 * The field clocks a laptop keeps per row (sync_state `claim/<table>/<id>`): the claim fields,
 * and for assignments and links `updated_at`, whose clock is the row's latest person write
 * (a demotion hides the clock of the promotion it overrides; `updated_at` still has it). An
 * email's label edit also bumps `updated_at`, and is no new claim on the address: left out.
 */
export const TRACKED_FIELDS: Record<ConflictTable, readonly string[]> = {
  crm_task_assignments: [...CLAIM_FIELDS.crm_task_assignments, 'updated_at'],
  customer_relationships: [...CLAIM_FIELDS.customer_relationships, 'updated_at'],
  customer_emails: CLAIM_FIELDS.customer_emails,
};

export function isConflictTable(name: string): name is ConflictTable {
  return Object.hasOwn(CLAIM_FIELDS, name);
}

/** Field clocks of a row as this laptop knows them (a field it does not know is absent). */
export type FieldClocks = Readonly<Record<string, string>>;

/** A row with the clocks of its tracked fields. */
export type Known<T> = { row: T; clocks: FieldClocks };

export type Fix<T> = {
  rule: ConflictRule;
  /** The row as it is to be stored. */
  row: T;
  /** What the rule changed. */
  changes: Partial<T>;
  /** The row that kept its place (the row itself for a restore). */
  kept: T;
  /** The clock the fix is stamped with (after every clock of the group this laptop knows). */
  hlc: string;
  /** Whether the fix gives back (a tombstone lifted, an ownership returned) rather than takes. */
  restores: boolean;
};

/** The latest of a set of clocks ('' for none). */
export function latestClaim(claims: readonly string[]): string {
  return claims.reduce<string>((latest, claim) => maxHlc(latest, claim) ?? latest, '');
}

/**
 * Whether a clock was stamped by a fix: its node ends in `_r` and the 7-character digest (or,
 * stamped by an earlier version, in `_r` alone or is `r`). Nodes of people's clocks are hex.
 */
export function isFixClock(clock: string | undefined): boolean {
  if (!clock) return false;
  const node = parseHlc(clock)?.node;
  return node !== undefined && (node === 'r' || /_r(?:[0-9a-z]{7})?$/.test(node));
}

/**
 * The clock of a fix: later than every clock given (so it wins over them on every replica
 * and the server, earlier fixes of the group included) and earlier than any change made
 * after seeing them (a laptop that saw the latest stamps its next change with a greater
 * counter or millisecond). The node gets `_r` and a digest of what the fix was decided from:
 * laptops that know the same rows stamp the same clock (identical pushes); laptops that know
 * different rows never stamp one clock with two different decisions. Null for no clock.
 */
export function clockAfter(claims: readonly string[], digest = ''): string | null {
  const clock = parseHlc(latestClaim(claims));
  if (!clock) return null;
  const suffix = `_r${digest}`;
  if (clock.node.length + suffix.length <= 64)
    return formatHlc({ ...clock, node: `${clock.node}${suffix}` });
  return formatHlc({ ms: clock.ms, counter: clock.counter + 1, node: digest ? suffix : 'r' });
}

/** FNV-1a, 32 bits, in base 36: a short digest of what a group's fix was decided from. */
export function digestOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/** The latest person clock among a row's tracked fields: its place in "later". */
export function personKey(clocks: FieldClocks): string {
  return latestClaim(Object.values(clocks).filter((clock) => !isFixClock(clock)));
}

/** Whether a person left the row live (a fix's tombstone or restore hides nothing else). */
function personLive(known: Known<{ deleted: number }>): boolean {
  return isFixClock(known.clocks.deleted) || known.row.deleted === 0;
}

type Person<T> = Known<T> & { key: string; live: boolean };

function person<T extends { deleted: number }>(known: Known<T>): Person<T> {
  return { ...known, key: personKey(known.clocks), live: personLive(known) };
}

/** Later key first; equal keys by the greater id (any fixed order would do). */
function laterFirst<T extends { id: string }>(a: Person<T>, b: Person<T>): number {
  if (a.key !== b.key) return a.key > b.key ? -1 : 1;
  return a.row.id > b.row.id ? -1 : a.row.id < b.row.id ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The stamp of a group's fixes, from every clock the laptop knows of the group's rows. */
function stampOf<T extends { id: string }>(
  rows: readonly Known<T>[],
  fallback: () => string,
): () => string {
  let stamp: string | undefined;
  return () => {
    if (stamp === undefined) {
      const sorted = [...rows].sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
      const knowledge = sorted
        .map(({ row, clocks }) => {
          const fields = Object.keys(clocks).sort();
          return `${row.id}:${fields.map((field) => `${field}=${clocks[field]}`).join(',')}`;
        })
        .join(';');
      const clocks = rows.flatMap(({ clocks }) => Object.values(clocks));
      stamp = clockAfter(clocks, digestOf(knowledge)) ?? fallback();
    }
    return stamp;
  };
}

/** A fix bringing `target` to `desired` (null when it already is). */
function fixTo<T extends { id: string }>(
  target: Person<T>,
  desired: Partial<T>,
  rule: ConflictRule,
  kept: T,
  stamp: () => string,
): Fix<T> | null {
  const changes: Partial<T> = {};
  for (const [field, value] of Object.entries(desired) as [keyof T, T[keyof T]][])
    if (target.row[field] !== value) changes[field] = value;
  if (Object.keys(changes).length === 0) return null;
  const row = { ...target.row, ...changes };
  const restores =
    (changes as { deleted?: number }).deleted === 0 ||
    (changes as { assignment_type?: string }).assignment_type === 'owner';
  return restores
    ? { rule: 'restored', row, changes, kept: row, hlc: stamp(), restores }
    : { rule, row, changes, kept, hlc: stamp(), restores };
}

/**
 * Rows a person removed after: within a slot (one member on a task, one link), a live row
 * whose latest person write is older than a person's tombstone of another row of the slot
 * is superseded: that removal is the slot's latest word (so a row a rule dropped does not come
 * back when the person removes the one that was kept).
 */
function supersededIn<T>(slot: readonly Person<T>[]): (row: Person<T>) => boolean {
  const removedAt = latestClaim(slot.filter((row) => !row.live).map((row) => row.key));
  // A row whose clocks this laptop never learnt (stored before they were kept) is not older.
  return (row) => row.live && row.key !== '' && row.key < removedAt;
}

type Assignment = CrmTaskAssignment;

/**
 * One task's assignments, as people wrote them. Each member keeps one row: their owner row
 * if they have one (so a task is not left without its owner), else their later one; the
 * others are tombstoned. The later owner stays owner; every other owner row kept becomes a
 * collaborator (still on the task, not in charge of it).
 */
function fixTask(rows: readonly Known<Assignment>[], fallback: () => string): Fix<Assignment>[] {
  const stamp = stampOf(rows, fallback);
  const people = rows.map(person);
  // A type written by a fix hides an owner row (demoted, or given back): the person's owner.
  const isOwner = (row: Person<Assignment>) =>
    isFixClock(row.clocks.assignment_type) || row.row.assignment_type === 'owner';
  const kept: Person<Assignment>[] = [];
  const dropped: { row: Person<Assignment>; kept: Assignment }[] = [];
  for (const slot of groupBy(people, (row) => row.row.member_id).values()) {
    const superseded = supersededIn(slot);
    const claims = slot.filter((row) => row.live && !superseded(row));
    const [first, ...others] = claims.sort(
      (a, b) => Number(isOwner(b)) - Number(isOwner(a)) || laterFirst(a, b),
    );
    const removal = slot.filter((row) => !row.live).sort(laterFirst)[0];
    if (first) kept.push(first);
    for (const other of others) dropped.push({ row: other, kept: first!.row });
    for (const row of slot.filter(superseded)) dropped.push({ row, kept: (first ?? removal)!.row });
  }
  const owner = kept.filter(isOwner).sort(laterFirst)[0];
  const fixes: (Fix<Assignment> | null)[] = [
    ...dropped.map(({ row, kept: by }) =>
      fixTo(row, { deleted: 1 }, 'one-role-per-member', by, stamp),
    ),
    ...kept.map((row) => {
      const type = !isOwner(row)
        ? row.row.assignment_type
        : row === owner
          ? 'owner'
          : 'collaborator';
      const by = owner?.row ?? row.row;
      return fixTo(row, { deleted: 0, assignment_type: type }, 'later-owner-wins', by, stamp);
    }),
  ];
  return fixes.filter((fix): fix is Fix<Assignment> => fix !== null);
}

/** Every task's assignments (a group with one row can still need a restore). */
export function fixAssignments(
  rows: readonly Known<Assignment>[],
  fallback: () => string,
): Fix<Assignment>[] {
  return [...groupBy(rows, ({ row }) => row.task_id).values()].flatMap((task) =>
    fixTask(task, fallback),
  );
}

/**
 * The same link twice (a symmetric one in either reading): the one created first (the
 * smallest id: ids are time-ordered) stays, the others are tombstoned.
 */
export function fixLinks(
  rows: readonly Known<CustomerRelationship>[],
  fallback: () => string,
): Fix<CustomerRelationship>[] {
  const valid = rows.filter(
    ({ row }) => isRelationshipType(row.type) && row.from_customer_id !== row.to_customer_id,
  );
  const groups = groupBy(valid, ({ row }) =>
    linkKey({
      from: row.from_customer_id,
      to: row.to_customer_id,
      type: row.type as Parameters<typeof linkKey>[0]['type'],
    }),
  );
  const fixes: (Fix<CustomerRelationship> | null)[] = [];
  for (const same of groups.values()) {
    const stamp = stampOf(same, fallback);
    const people = same.map(person);
    const superseded = supersededIn(people);
    const [kept, ...others] = people
      .filter((row) => row.live && !superseded(row))
      .sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
    const removal = people.filter((row) => !row.live).sort(laterFirst)[0];
    for (const other of [...others, ...people.filter(superseded)])
      fixes.push(fixTo(other, { deleted: 1 }, 'duplicate-link', (kept ?? removal)!.row, stamp));
    if (kept) fixes.push(fixTo(kept, { deleted: 0 }, 'duplicate-link', kept.row, stamp));
  }
  return fixes.filter((fix): fix is Fix<CustomerRelationship> => fix !== null);
}

/**
 * One address on live customers: the later claim keeps it, the other customers' rows with it
 * are tombstoned. `liveCustomer` says whether a customer counts (a deleted one claims nothing).
 * Another row of the keeper's own customer is no conflict (the guard allows it): left as is.
 */
export function fixEmails(
  rows: readonly Known<CustomerEmail>[],
  liveCustomer: (id: string) => boolean,
  fallback: () => string,
): Fix<CustomerEmail>[] {
  const fixes: (Fix<CustomerEmail> | null)[] = [];
  for (const same of groupBy(rows, ({ row }) => row.address_normalized).values()) {
    const stamp = stampOf(same, fallback);
    const claims = same
      .map(person)
      .filter((row) => row.live && liveCustomer(row.row.customer_id))
      .sort(laterFirst);
    const [kept] = claims;
    if (!kept) continue;
    for (const other of claims)
      if (other.row.customer_id !== kept.row.customer_id)
        fixes.push(fixTo(other, { deleted: 1 }, 'later-email-claim', kept.row, stamp));
    fixes.push(fixTo(kept, { deleted: 0 }, 'later-email-claim', kept.row, stamp));
  }
  return fixes.filter((fix): fix is Fix<CustomerEmail> => fix !== null);
}
