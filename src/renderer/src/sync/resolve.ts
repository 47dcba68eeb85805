/**
 * Resolving, inside the pull's transaction, the conflicts a pulled page would otherwise be
 * refused for (conflict-rules.ts): the rows a fix changes are written first (so the guard
 * sees a consistent table), each fix is queued in the outbox with its derived clock (the
 * server and the other laptops converge on it), and the user finds it in "Resolved on sync".
 */
import type { Table } from 'dexie';
import type { CrmDatabase } from '../db/database';
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
import type { Claimed, ConflictTable, Fix } from './conflict-rules';
import {
  CLAIM_FIELDS,
  fixAssignments,
  fixEmails,
  fixLinks,
  isConflictTable,
  latestClaim,
} from './conflict-rules';
import { pendingFieldClocks } from './merge';
import { recordFixes } from './resolved-log';
import { storedByIndex } from './stored-rows';

type Row = Record<string, unknown> & { id: string };
type AnyFix = { table: ConflictTable; fix: Fix<Row> };

const CLAIM_PREFIX = 'claim/';
export const claimKey = (table: string, id: string) => `${CLAIM_PREFIX}${table}/${id}`;

/** The claim clock of a pulled row: the latest clock among its claim fields. */
export function remoteClaim(table: ConflictTable, clocks: Record<string, string>): string {
  return latestClaim(CLAIM_FIELDS[table].flatMap((field) => clocks[field] ?? []));
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

/** Claims this laptop knows: kept from pulls, and its own changes still in the outbox. */
async function claimsOf(
  db: CrmDatabase,
  table: ConflictTable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const saved = await db.sync_state.bulkGet(ids.map((id) => claimKey(table, id)));
  const claims = new Map<string, string>();
  ids.forEach((id, index) => {
    const value = saved[index]?.value;
    claims.set(id, typeof value === 'string' ? value : '');
  });
  const pending = (await db.sync_outbox.where('row_id').anyOf(ids).toArray()).filter(
    (entry) => entry.table === table,
  );
  const byRow = new Map<string, OutboxEntry[]>();
  for (const entry of pending) byRow.set(entry.row_id, [...(byRow.get(entry.row_id) ?? []), entry]);
  for (const [id, entries] of byRow) {
    const fields = pendingFieldClocks(entries);
    const local = latestClaim(CLAIM_FIELDS[table].flatMap((field) => fields.get(field) ?? []));
    claims.set(id, maxHlc(claims.get(id), local) ?? '');
  }
  return claims;
}

/**
 * Keeps the claims of our own changes once the server confirmed them (their outbox entries are
 * about to go). Without this, a page pulled before our own row comes back would show our row
 * with no known claim ('' sorts first), and this laptop would keep the other laptop's row where
 * every other laptop, knowing both claims, keeps ours: both rows would end up tombstoned.
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
  const claims = keys.flatMap((key, index) => {
    const rowEntries = byRow.get(key) ?? [];
    const table = rowEntries[0]?.table;
    if (!table || !isConflictTable(table)) return [];
    const fields = pendingFieldClocks(rowEntries);
    const local = latestClaim(CLAIM_FIELDS[table].flatMap((field) => fields.get(field) ?? []));
    const before = saved[index]?.value;
    const claim = maxHlc(typeof before === 'string' ? before : undefined, local) ?? '';
    return claim ? [{ key, value: claim }] : [];
  });
  if (claims.length > 0) await db.sync_state.bulkPut(claims);
}

/** Runs a rule over the rows, first without clocks (cheap), then with them when it finds a conflict. */
async function planTable<T extends Row>(
  db: CrmDatabase,
  table: ConflictTable,
  rows: readonly T[],
  rule: (claimed: Claimed<T>[], fallback: () => string) => Fix<T>[],
  tick: () => string,
): Promise<AnyFix[]> {
  if (
    rule(
      rows.map((row) => ({ row, claim: '' })),
      () => '',
    ).length === 0
  )
    return [];
  const claims = await claimsOf(
    db,
    table,
    rows.map((row) => row.id),
  );
  return rule(
    rows.map((row) => ({ row, claim: claims.get(row.id) ?? '' })),
    tick,
  ).map((fix) => ({
    table,
    fix: fix as unknown as Fix<Row>,
  }));
}

type Writes = Map<string, Row[]>;

async function assignmentFixes(db: CrmDatabase, writes: Writes, tick: () => string) {
  const incoming = (writes.get('crm_task_assignments') ?? []) as unknown as CrmTaskAssignment[];
  if (incoming.length === 0) return [];
  const taskIds = [...new Set(incoming.map((row) => row.task_id))];
  const stored = await storedByIndex(db.crm_task_assignments, 'task_id', taskIds);
  return planTable(db, 'crm_task_assignments', combine(stored, incoming), fixAssignments, tick);
}

async function linkFixes(db: CrmDatabase, writes: Writes, tick: () => string) {
  const incoming = (writes.get('customer_relationships') ??
    []) as unknown as CustomerRelationship[];
  if (incoming.length === 0) return [];
  const ends = [...new Set(incoming.flatMap((row) => [row.from_customer_id, row.to_customer_id]))];
  const stored = await storedByIndex(db.customer_relationships, 'from_customer_id', ends);
  return planTable(db, 'customer_relationships', combine(stored, incoming), fixLinks, tick);
}

/**
 * Whether some live address is held by two customers among `rows`: the only case the email
 * rule can fix. Checked before reading the customers (a first sync brings thousands of emails,
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

async function emailFixes(db: CrmDatabase, writes: Writes, tick: () => string) {
  const incoming = (writes.get('customer_emails') ?? []) as unknown as CustomerEmail[];
  if (incoming.length === 0) return [];
  const addresses = incoming.map((row) => row.address_normalized);
  const stored = await storedByIndex(db.customer_emails, 'address_normalized', addresses);
  const rows = combine(stored, incoming);
  if (!addressShared(rows)) return [];
  const customerIds = [...new Set(rows.map((row) => row.customer_id))];
  const pulled = new Map(
    ((writes.get('customer_profiles') ?? []) as unknown as CustomerProfile[]).map((p) => [p.id, p]),
  );
  const storedProfiles = await db.customer_profiles.bulkGet(customerIds);
  const live = new Set(
    customerIds.filter((id, index) => (pulled.get(id) ?? storedProfiles[index])?.deleted === 0),
  );
  return planTable(
    db,
    'customer_emails',
    rows,
    (claimed, fallback) => fixEmails(claimed, (id) => live.has(id), fallback),
    tick,
  );
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

/**
 * Finds and applies the fixes a page's writes need. Writes the fixed rows (stored or pulled)
 * first, queues each fix for push, records them; returns the writes still to make (the
 * pulled rows a fix did not already write).
 */
export async function resolveConflicts(db: CrmDatabase, writes: Writes): Promise<Writes> {
  const clock = localClock(db.name);
  const tick = () => clock.tick();
  const fixes = [
    ...(await assignmentFixes(db, writes, tick)),
    ...(await linkFixes(db, writes, tick)),
    ...(await emailFixes(db, writes, tick)),
  ];
  if (fixes.length === 0) return writes;
  const txId = newId();
  const fixed = new Set(fixes.map(({ table, fix }) => `${table}/${fix.row.id}`));
  for (const table of new Set(fixes.map((entry) => entry.table)))
    await rowTable(db, table).bulkPut(
      fixes.filter((entry) => entry.table === table).map(({ fix }) => fix.row),
    );
  await db.sync_outbox.bulkAdd(fixes.map(({ table, fix }) => outboxEntry(table, fix, txId)));
  await db.sync_state.bulkPut(
    fixes.map(({ table, fix }) => ({ key: claimKey(table, fix.row.id), value: fix.hlc })),
  );
  await recordFixes(db, fixes);
  const rest: Writes = new Map();
  for (const [table, rows] of writes)
    rest.set(
      table,
      rows.filter((row) => !fixed.has(`${table}/${row.id}`)),
    );
  return rest;
}
