/**
 * Fixes another laptop made to rows stored here, as a pull brings them: recorded in this
 * laptop's "Resolved on sync" log and, for an address lost to a later claim, the two customers
 * proposed as duplicates, as on the laptop that made the fix. Only the laptop that applies a
 * rule makes its fix; before this, the laptop whose customer lost the address (or whose owner
 * was demoted, or whose link was dropped) was never told what happened.
 *
 * A fix is recognised by its resolution clock (conflict-rules.ts, `isFixClock`) on the field it
 * wrote, when it takes something this laptop's row had: a live row tombstoned, an owner made a
 * collaborator. A laptop that made the same fix itself already stores it (fixes are the same on
 * every laptop): nothing to record again.
 */
import type { RemoteRow } from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import { linkKey } from '../domain/relationships/catalogue';
import type { ConflictRule, ConflictTable, Fix } from './conflict-rules';
import { isConflictTable, isFixClock } from './conflict-rules';
import { readResolvedConflicts, recordFixes } from './resolved-log';
import { SYNC_KEYS } from './sync-state';

type Row = Record<string, unknown> & { id: string };

export type ArrivedFix = { table: ConflictTable; rule: ConflictRule; row: Row; hlc: string };

/** Whether a pulled row, as merged here, is another laptop's fix taking from the stored row. */
export function arrivedFix(
  table: string,
  remote: Pick<RemoteRow, 'clocks'>,
  stored: Row | undefined,
  merged: Row,
): ArrivedFix | null {
  if (!stored || !isConflictTable(table)) return null;
  const deletedClock = remote.clocks.deleted;
  if (isFixClock(deletedClock) && merged.deleted === 1 && stored.deleted !== 1) {
    const rule: ConflictRule =
      table === 'customer_emails'
        ? 'later-email-claim'
        : table === 'customer_relationships'
          ? 'duplicate-link'
          : 'one-role-per-member';
    return { table, rule, row: merged, hlc: deletedClock as string };
  }
  const typeClock = remote.clocks.assignment_type;
  if (
    table === 'crm_task_assignments' &&
    isFixClock(typeClock) &&
    stored.assignment_type === 'owner' &&
    merged.assignment_type !== 'owner' &&
    merged.deleted !== 1
  )
    return { table, rule: 'later-owner-wins', row: merged, hlc: typeClock as string };
  return null;
}

const live = (row: Row) => row.deleted !== 1;

function sameLink(a: Row, b: Row): boolean {
  const key = (row: Row) =>
    linkKey({
      from: String(row.from_customer_id),
      to: String(row.to_customer_id),
      type: row.type as Parameters<typeof linkKey>[0]['type'],
    });
  try {
    return key(a) === key(b);
  } catch {
    return false; // a type this version does not know
  }
}

/** The row that kept its place, as stored now (after the page's writes). */
async function keptRow(db: CrmDatabase, fix: ArrivedFix): Promise<Row | undefined> {
  const { row } = fix;
  if (fix.table === 'customer_emails') {
    const same = await db.customer_emails
      .where('address_normalized')
      .equals(String(row.address_normalized))
      .toArray();
    return same.find((other) => live(other) && other.customer_id !== row.customer_id);
  }
  if (fix.table === 'customer_relationships') {
    const ends = [String(row.from_customer_id), String(row.to_customer_id)];
    const near = await db.customer_relationships.where('from_customer_id').anyOf(ends).toArray();
    return (near as unknown as Row[]).find(
      (other) => other.id !== row.id && live(other) && sameLink(other, row),
    );
  }
  const task = await db.crm_task_assignments.where('task_id').equals(String(row.task_id)).toArray();
  return (task as unknown as Row[]).find(
    (other) =>
      other.id !== row.id &&
      live(other) &&
      (fix.rule === 'later-owner-wins'
        ? other.assignment_type === 'owner'
        : other.member_id === row.member_id),
  );
}

/** Whether the row is still as the fix left it (this laptop's own fixes may have undone it). */
async function stillStands(db: CrmDatabase, fix: ArrivedFix): Promise<Row | undefined> {
  const row = (await db.table(fix.table).get(fix.row.id)) as Row | undefined;
  if (!row) return undefined;
  const stands =
    fix.rule === 'later-owner-wins' ? row.assignment_type !== 'owner' && live(row) : !live(row);
  return stands ? row : undefined;
}

/**
 * Keeps the fixes a page brought, in the page's transaction (with its rows and its cursor),
 * until the pull completes. Kept in memory they were lost when a pull stopped after this page
 * (offline, the app closed): the next pull starts after the saved cursor and does not bring
 * those rows again, so nothing would tell the user.
 */
export async function keepArrivedFixes(
  db: CrmDatabase,
  found: readonly ArrivedFix[],
): Promise<void> {
  if (found.length === 0) return;
  await db.sync_state.put({
    key: SYNC_KEYS.arrivedFixes,
    value: [...(await readKept(db)), ...found],
  });
}

async function readKept(db: CrmDatabase): Promise<ArrivedFix[]> {
  const saved = await db.sync_state.get(SYNC_KEYS.arrivedFixes);
  return Array.isArray(saved?.value) ? (saved.value as ArrivedFix[]) : [];
}

/** Whether fixes wait to be told (a pull brought some, or an interrupted one did). */
export async function arrivedFixesWaiting(db: CrmDatabase): Promise<boolean> {
  return (await db.sync_state.get(SYNC_KEYS.arrivedFixes)) !== undefined;
}

/**
 * Once a pull is complete: records the kept fixes (recordArrivedFixes) and forgets them, in
 * the caller's transaction.
 */
export async function recordKeptArrivedFixes(db: CrmDatabase): Promise<void> {
  const kept = await readKept(db);
  await db.sync_state.delete(SYNC_KEYS.arrivedFixes);
  await recordArrivedFixes(db, kept);
}

/**
 * Records, once a pull is complete, the arrived fixes that still stand and whose kept row is
 * here (a fix whose kept row is not here cannot be told in words), each once.
 */
export async function recordArrivedFixes(
  db: CrmDatabase,
  arrived: readonly ArrivedFix[],
): Promise<void> {
  if (arrived.length === 0) return;
  // The same fix made here too (same row, same clock) is in the log already.
  const logged = new Set(
    (await readResolvedConflicts(db)).map((entry) => `${entry.row_id}/${entry.hlc}`),
  );
  const fixes: { table: ConflictTable; fix: Fix<Row> }[] = [];
  for (const found of arrived) {
    const key = `${found.row.id}/${found.hlc}`;
    if (logged.has(key)) continue;
    logged.add(key);
    const row = await stillStands(db, found);
    if (!row) continue;
    const item = { ...found, row };
    const kept = await keptRow(db, item);
    if (!kept) continue;
    fixes.push({
      table: item.table,
      fix: { rule: item.rule, row: item.row, changes: {}, kept, hlc: item.hlc, restores: false },
    });
  }
  if (fixes.length > 0) await recordFixes(db, fixes);
}
