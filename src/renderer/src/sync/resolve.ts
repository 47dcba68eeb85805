/**
 * Resolving the conflicts of pulled rows by the rules of conflict-rules.ts, in two steps:
 * - inside each page's transaction, the fixes that take (tombstone, demote) which the page
 *   needs so the guard accepts it: a partial view only ever takes what the full view takes too;
 * - once the pull has every page (`settleConflicts`), every fix the groups the pull touched
 *   need, restores included: a row a partial view dropped that the full view keeps comes back.
 * The rows a fix changes are written first (so the guard sees a consistent table), each fix is
 * queued in the outbox with its derived clock (the server and the other laptops converge on
 * it), and the user finds it in "Resolved on sync".
 */
import { arrivedFixesWaiting, recordKeptArrivedFixes } from './arrived-fixes';
import type { Table } from 'dexie';
import type { CrmDatabase } from '../db/database';
import { skipChangeCapture } from '../db/change-capture-middleware';
import { InvariantViolation } from '../db/invariant';
import { newId, nowIso } from '../domain/ids';
import type {
  CrmTaskAssignment,
  CustomerEmail,
  CustomerProfile,
  CustomerRelationship,
  OutboxEntry,
} from '../domain/records';
import { localClock } from '../db/change-capture-middleware';
import { maxHlc } from '../../../shared/sync/hlc';
import type { ConflictTable, FieldClocks, Fix, Known } from './conflict-rules';
import {
  TRACKED_FIELDS,
  fixAssignments,
  fixEmails,
  fixLinks,
  isConflictTable,
  isFixClock,
} from './conflict-rules';
import { pendingFieldClocks } from './merge';
import { recordFixes } from './resolved-log';
import { storedByIndex } from './stored-rows';
import { SYNC_KEYS } from './sync-state';

type Row = Record<string, unknown> & { id: string };
type AnyFix = { table: ConflictTable; fix: Fix<Row> };
type Rule<T> = (known: Known<T>[], fallback: () => string) => Fix<T>[];

const CLAIM_PREFIX = 'claim/';
export const claimKey = (table: string, id: string) => `${CLAIM_PREFIX}${table}/${id}`;

/** The clocks sync_state keeps for a pulled row: its tracked fields' (conflict-rules.ts). */
export function remoteClocks(
  table: ConflictTable,
  clocks: Record<string, string>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const field of TRACKED_FIELDS[table]) if (clocks[field]) kept[field] = clocks[field];
  return kept;
}

/**
 * Field clocks from a kept value: this version keeps an object; an earlier one kept the
 * row's latest claim clock alone (kept as a pseudo field: it orders, it tells no field).
 */
function savedClocks(value: unknown): Record<string, string> {
  if (typeof value === 'string') return value ? { claim: value } : {};
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Field by field, the later clock. */
function mergeClocks(a: FieldClocks, b: ReadonlyMap<string, string> | FieldClocks) {
  const merged: Record<string, string> = { ...a };
  const entries = b instanceof Map ? [...b.entries()] : Object.entries(b);
  for (const [field, clock] of entries)
    merged[field] = maxHlc(merged[field], clock as string) ?? (clock as string);
  return merged;
}

function trackedPending(table: ConflictTable, entries: readonly OutboxEntry[]) {
  const fields = pendingFieldClocks(entries);
  const tracked = new Set(TRACKED_FIELDS[table]);
  return new Map([...fields].filter(([field]) => tracked.has(field)));
}

function rowTable(db: CrmDatabase, name: string): Table<Row, string> {
  return db.table(name) as unknown as Table<Row, string>;
}

/** Stored rows overridden by the rows about to be written (same id). */
function combine<T extends { id: string }>(stored: readonly T[], incoming: readonly T[]): T[] {
  const byId = new Map(stored.map((row) => [row.id, row]));
  for (const row of incoming) byId.set(row.id, row);
  return [...byId.values()];
}

/** Field clocks this laptop knows: kept from pulls and pushes, and its changes in the outbox. */
async function clocksOf(
  db: CrmDatabase,
  table: ConflictTable,
  ids: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const saved = await db.sync_state.bulkGet(ids.map((id) => claimKey(table, id)));
  const clocks = new Map(ids.map((id, index) => [id, savedClocks(saved[index]?.value)]));
  const pending = (await db.sync_outbox.where('row_id').anyOf(ids).toArray()).filter(
    (entry) => entry.table === table,
  );
  const byRow = new Map<string, OutboxEntry[]>();
  for (const entry of pending) byRow.set(entry.row_id, [...(byRow.get(entry.row_id) ?? []), entry]);
  for (const [id, entries] of byRow)
    clocks.set(id, mergeClocks(clocks.get(id) ?? {}, trackedPending(table, entries)));
  return clocks;
}

/**
 * Keeps the field clocks of our own changes once the server confirmed them (their outbox
 * entries are about to go). Without this, a page pulled before our own row comes back would
 * show our row with no known clock (it sorts first), and this laptop would decide otherwise
 * than every other laptop, which knows both rows' clocks.
 */
export async function rememberPushedClaims(
  db: CrmDatabase,
  entries: readonly OutboxEntry[],
): Promise<void> {
  const byRow = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    if (!isConflictTable(entry.table)) continue;
    const key = claimKey(entry.table, entry.row_id);
    byRow.set(key, [...(byRow.get(key) ?? []), entry]);
  }
  if (byRow.size === 0) return;
  const keys = [...byRow.keys()];
  const saved = await db.sync_state.bulkGet(keys);
  const kept = keys.flatMap((key, index) => {
    const rowEntries = byRow.get(key) ?? [];
    const table = rowEntries[0]?.table;
    if (!table || !isConflictTable(table)) return [];
    const pending = trackedPending(table, rowEntries);
    if (pending.size === 0) return [];
    return [{ key, value: mergeClocks(savedClocks(saved[index]?.value), pending) }];
  });
  if (kept.length > 0) await db.sync_state.bulkPut(kept);
}

async function known<T extends Row>(
  db: CrmDatabase,
  table: ConflictTable,
  rows: readonly T[],
): Promise<Known<T>[]> {
  const clocks = await clocksOf(
    db,
    table,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ row, clocks: clocks.get(row.id) ?? {} }));
}

const typed = (table: ConflictTable) => (fix: Fix<Row>) => ({ table, fix });

/**
 * A page's fixes: only those that take (a partial view takes nothing the full view keeps),
 * and only where the rows as they stand conflict (checked first without reading clocks).
 */
async function takingFixes<T extends Row>(
  db: CrmDatabase,
  table: ConflictTable,
  rows: readonly T[],
  rule: Rule<T>,
  tick: () => string,
): Promise<AnyFix[]> {
  const taking = (fixes: Fix<T>[]) => fixes.filter((fix) => !fix.restores);
  const bare = rows.map((row) => ({ row, clocks: {} }));
  if (taking(rule(bare, () => '')).length === 0) return [];
  const fixes = taking(rule(await known(db, table, rows), tick));
  return fixes.map((fix) => typed(table)(fix as unknown as Fix<Row>));
}

/** The groups a pull touched that may need a restore once it has every page. */
export type Touched = {
  tasks: Set<string>;
  linkEnds: Set<string>;
  addresses: Set<string>;
};

export const noneTouched = (): Touched => ({
  tasks: new Set(),
  linkEnds: new Set(),
  addresses: new Set(),
});

type KeptTouched = { tasks: string[]; linkEnds: string[]; addresses: string[] };

const touchedSize = (touched: Touched) =>
  touched.tasks.size + touched.linkEnds.size + touched.addresses.size;

async function readKeptTouched(db: CrmDatabase): Promise<Touched> {
  const saved = (await db.sync_state.get(SYNC_KEYS.touchedGroups))?.value as
    Partial<KeptTouched> | undefined;
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return {
    tasks: new Set(list(saved?.tasks)),
    linkEnds: new Set(list(saved?.linkEnds)),
    addresses: new Set(list(saved?.addresses)),
  };
}

/**
 * Keeps the groups a page touched, in the page's transaction (with its rows and its cursor),
 * until a pull completes and settles them. Kept in memory only, they were lost when a pull
 * stopped between pages (offline, the app closed): the next pull starts after the saved
 * cursor, may never touch those groups again, and a row a partial view dropped stayed
 * dropped on this laptop while the others gave it back.
 */
export async function keepTouched(db: CrmDatabase, page: Touched): Promise<void> {
  if (touchedSize(page) === 0) return;
  const kept = await readKeptTouched(db);
  const union = (a: Set<string>, b: Set<string>) => [...new Set([...a, ...b])];
  const value: KeptTouched = {
    tasks: union(kept.tasks, page.tasks),
    linkEnds: union(kept.linkEnds, page.linkEnds),
    addresses: union(kept.addresses, page.addresses),
  };
  await db.sync_state.put({ key: SYNC_KEYS.touchedGroups, value });
}

/** Adds `from`'s groups to `into`. */
export function addTouched(into: Touched, from: Touched): void {
  for (const id of from.tasks) into.tasks.add(id);
  for (const id of from.linkEnds) into.linkEnds.add(id);
  for (const address of from.addresses) into.addresses.add(address);
}

/** Pulled field clocks, by claimKey (the page's, before they are read back). */
export type PulledClocks = ReadonlyMap<string, FieldClocks>;

/**
 * Notes the groups worth a second look once the pull is complete: a group where one slot (a
 * member on the task, a link, an address) holds two rows or more (a conflict now or before),
 * or with a pulled row a fix wrote (it may need giving back). A task whose members each hold
 * one row, an address on one row, is not read again (a first sync brings thousands).
 */
function noteGroups<T extends Row>(
  table: ConflictTable,
  rows: readonly T[],
  incoming: readonly T[],
  pulled: PulledClocks,
  slot: { of: (row: T) => string; group: (row: T) => string },
  note: (row: T) => void,
) {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(slot.of(row), (sizes.get(slot.of(row)) ?? 0) + 1);
  const crowded = new Set(
    rows.filter((row) => (sizes.get(slot.of(row)) ?? 0) > 1).map((row) => slot.group(row)),
  );
  for (const row of incoming) {
    const clocks = pulled.get(claimKey(table, row.id)) ?? {};
    if (crowded.has(slot.group(row)) || Object.values(clocks).some(isFixClock)) note(row);
  }
}

type Writes = Map<string, Row[]>;

async function assignmentFixes(db: CrmDatabase, writes: Writes, step: Step) {
  const incoming = (writes.get('crm_task_assignments') ?? []) as unknown as CrmTaskAssignment[];
  if (incoming.length === 0) return [];
  const taskIds = [...new Set(incoming.map((row) => row.task_id))];
  const stored = await storedByIndex(db.crm_task_assignments, 'task_id', taskIds);
  const rows = combine(stored, incoming);
  noteGroups(
    'crm_task_assignments',
    rows,
    incoming,
    step.pulled,
    { of: (row) => `${row.task_id}/${row.member_id}`, group: (row) => row.task_id },
    (row) => step.touched.tasks.add(row.task_id),
  );
  return takingFixes(db, 'crm_task_assignments', rows, fixAssignments, step.tick);
}

const linkGroup = (row: CustomerRelationship) =>
  [row.type, ...[row.from_customer_id, row.to_customer_id].sort()].join('\u0000');

async function linkFixes(db: CrmDatabase, writes: Writes, step: Step) {
  const incoming = (writes.get('customer_relationships') ??
    []) as unknown as CustomerRelationship[];
  if (incoming.length === 0) return [];
  const ends = [...new Set(incoming.flatMap((row) => [row.from_customer_id, row.to_customer_id]))];
  const stored = await storedByIndex(db.customer_relationships, 'from_customer_id', ends);
  const rows = combine(stored, incoming);
  const slot = { of: linkGroup, group: linkGroup };
  noteGroups('customer_relationships', rows, incoming, step.pulled, slot, (row) => {
    step.touched.linkEnds.add(row.from_customer_id);
    step.touched.linkEnds.add(row.to_customer_id);
  });
  return takingFixes(db, 'customer_relationships', rows, fixLinks, step.tick);
}

/**
 * Whether some live address is held by two customers among `rows`: the only case a page
 * must fix. Checked before reading the customers (a first sync brings thousands of emails,
 * each its own address).
 */
export function addressShared(rows: readonly CustomerEmail[]): boolean {
  const owner = new Map<string, string>();
  for (const row of rows) {
    if (row.deleted !== 0) continue;
    const first = owner.get(row.address_normalized);
    if (first === undefined) owner.set(row.address_normalized, row.customer_id);
    else if (first !== row.customer_id) return true;
  }
  return false;
}

/** The customers among `ids` that are live (as pulled in this page, else as stored). */
async function liveCustomers(
  db: CrmDatabase,
  ids: readonly string[],
  pulled: readonly CustomerProfile[],
): Promise<Set<string>> {
  const byId = new Map(pulled.map((profile) => [profile.id, profile]));
  const stored = await db.customer_profiles.bulkGet([...ids]);
  return new Set(ids.filter((id, index) => (byId.get(id) ?? stored[index])?.deleted === 0));
}

function emailRule(live: ReadonlySet<string>): Rule<CustomerEmail> {
  return (known, fallback) => fixEmails(known, (id) => live.has(id), fallback);
}

async function emailFixes(db: CrmDatabase, writes: Writes, step: Step) {
  const incoming = (writes.get('customer_emails') ?? []) as unknown as CustomerEmail[];
  if (incoming.length === 0) return [];
  const addresses = incoming.map((row) => row.address_normalized);
  const stored = await storedByIndex(db.customer_emails, 'address_normalized', addresses);
  const rows = combine(stored, incoming);
  noteGroups(
    'customer_emails',
    rows,
    incoming,
    step.pulled,
    { of: (row) => row.address_normalized, group: (row) => row.address_normalized },
    (row) => step.touched.addresses.add(row.address_normalized),
  );
  if (!addressShared(rows)) return [];
  const profiles = (writes.get('customer_profiles') ?? []) as unknown as CustomerProfile[];
  const live = await liveCustomers(db, [...new Set(rows.map((row) => row.customer_id))], profiles);
  return takingFixes(db, 'customer_emails', rows, emailRule(live), step.tick);
}

function outboxEntry(table: string, fix: Fix<Row>, txId: string): OutboxEntry {
  return {
    table,
    row_id: fix.row.id,
    op: 'put',
    value: fix.row,
    changed_fields: Object.keys(fix.changes),
    tx_id: txId,
    captured_at: nowIso(),
    hlc: fix.hlc,
  };
}

/** Writes the fixed rows, queues each fix for push, keeps its clocks, records it. */
async function applyFixes(db: CrmDatabase, fixes: readonly AnyFix[]): Promise<void> {
  const txId = newId();
  for (const table of new Set(fixes.map((entry) => entry.table)))
    await rowTable(db, table).bulkPut(
      fixes.filter((entry) => entry.table === table).map(({ fix }) => fix.row),
    );
  await db.sync_outbox.bulkAdd(fixes.map(({ table, fix }) => outboxEntry(table, fix, txId)));
  const keys = fixes.map(({ table, fix }) => claimKey(table, fix.row.id));
  const saved = await db.sync_state.bulkGet(keys);
  await db.sync_state.bulkPut(
    fixes.map(({ fix }, index) => ({
      key: keys[index]!,
      value: mergeClocks(
        savedClocks(saved[index]?.value),
        Object.fromEntries(Object.keys(fix.changes).map((field) => [field, fix.hlc])),
      ),
    })),
  );
  await recordFixes(db, fixes);
}

type Step = { tick: () => string; pulled: PulledClocks; touched: Touched };

/**
 * Finds and applies the fixes a page's writes need to pass the guard. Writes the fixed rows
 * (stored or pulled) first, queues each fix for push, records them; notes in `touched` the
 * groups to look at again once the pull is complete; returns the writes still to make (the
 * pulled rows a fix did not already write).
 */
export async function resolveConflicts(
  db: CrmDatabase,
  writes: Writes,
  pulled: PulledClocks = new Map(),
  touched: Touched = noneTouched(),
): Promise<Writes> {
  const clock = localClock(db.name);
  const step: Step = { tick: () => clock.tick(), pulled, touched };
  const fixes = [
    ...(await assignmentFixes(db, writes, step)),
    ...(await linkFixes(db, writes, step)),
    ...(await emailFixes(db, writes, step)),
  ];
  if (fixes.length === 0) return writes;
  await applyFixes(db, fixes);
  const fixed = new Set(fixes.map(({ table, fix }) => `${table}/${fix.row.id}`));
  const rest: Writes = new Map();
  for (const [table, rows] of writes)
    rest.set(
      table,
      rows.filter((row) => !fixed.has(`${table}/${row.id}`)),
    );
  return rest;
}

async function everyFix<T extends Row>(
  db: CrmDatabase,
  table: ConflictTable,
  rows: readonly T[],
  rule: Rule<T>,
  tick: () => string,
): Promise<AnyFix[]> {
  if (rows.length === 0) return [];
  const fixes = rule(await known(db, table, rows), tick);
  return fixes.map((fix) => typed(table)(fix as unknown as Fix<Row>));
}

const SETTLE_SCOPE = [
  'crm_task_assignments',
  'customer_relationships',
  'customer_emails',
  'customer_profiles',
  'sync_outbox',
  'sync_quarantine',
  'sync_state',
];

function isInvariant(error: unknown): boolean {
  if (error instanceof InvariantViolation) return true;
  return (error as { inner?: unknown } | null)?.inner instanceof InvariantViolation;
}

/**
 * Once a pull has every page: brings the groups it touched to the state their rows' claims
 * give, restores included, in one transaction. Returns how many fixes it made.
 */
export async function settleConflicts(db: CrmDatabase, touched: Touched): Promise<number> {
  // Other laptops' fixes and the groups kept by this pull's pages, or by an earlier pull that
  // was interrupted (keepTouched; arrived-fixes.ts).
  const arrived = await arrivedFixesWaiting(db);
  const keptGroups = (await db.sync_state.get(SYNC_KEYS.touchedGroups)) !== undefined;
  if (touchedSize(touched) === 0 && !arrived && !keptGroups) return 0;
  const clock = localClock(db.name);
  const tick = () => clock.tick();
  try {
    return await db.transaction('rw', SETTLE_SCOPE, async (tx) => {
      skipChangeCapture(tx.idbtrans);
      const all = noneTouched();
      addTouched(all, touched);
      addTouched(all, await readKeptTouched(db));
      const { tasks, linkEnds, addresses } = all;
      const assignments = await storedByIndex(db.crm_task_assignments, 'task_id', [...tasks]);
      const links = await storedByIndex(db.customer_relationships, 'from_customer_id', [
        ...linkEnds,
      ]);
      const emails = await storedByIndex(db.customer_emails, 'address_normalized', [...addresses]);
      const live = await liveCustomers(db, [...new Set(emails.map((row) => row.customer_id))], []);
      const fixes = [
        ...(await everyFix(db, 'crm_task_assignments', assignments, fixAssignments, tick)),
        ...(await everyFix(db, 'customer_relationships', links, fixLinks, tick)),
        ...(await everyFix(db, 'customer_emails', emails, emailRule(live), tick)),
      ];
      if (fixes.length > 0) await applyFixes(db, fixes);
      // Settled: the kept groups are done with (an invariant refusal keeps them for next time).
      await db.sync_state.delete(SYNC_KEYS.touchedGroups);
      // After this laptop's own fixes: another laptop's fix it has just undone is not news.
      await recordKeptArrivedFixes(db);
      return fixes.length;
    });
  } catch (error) {
    // The guard refused the state the claims give (a rule this file does not know): leave
    // the rows as they are; the next pull that touches them tries again.
    if (!isInvariant(error)) throw error;
    return 0;
  }
}

/**
 * The fixes the rules would make over every row this laptop holds, with the clocks it knows
 * (none when its rows are what their claims give). For tests and diagnosis: writes nothing.
 */
export async function fixesDue(db: CrmDatabase): Promise<AnyFix[]> {
  const tick = () => '';
  return db.transaction('r', SETTLE_SCOPE, async () => {
    const emails = await db.customer_emails.toArray();
    const live = await liveCustomers(db, [...new Set(emails.map((row) => row.customer_id))], []);
    return [
      ...(await everyFix(
        db,
        'crm_task_assignments',
        await db.crm_task_assignments.toArray(),
        fixAssignments,
        tick,
      )),
      ...(await everyFix(
        db,
        'customer_relationships',
        await db.customer_relationships.toArray(),
        fixLinks,
        tick,
      )),
      ...(await everyFix(db, 'customer_emails', emails, emailRule(live), tick)),
    ];
  });
}
