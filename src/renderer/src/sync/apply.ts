/**
 * Applying a pulled page: one Dexie transaction per page, marked so change capture does not
 * queue these writes for push (they are the team's changes, not ours), with the page's
 * cursor saved in the same transaction, so a crash either keeps the page and its cursor or
 * neither. The list projection middleware rebuilds customers_crm_v rows as usual.
 */
import type { Table } from 'dexie';
import type { RemoteRow } from '../../../shared/sync/protocol';
import { HLC_STATE_KEY, localClock, skipChangeCapture } from '../db/change-capture-middleware';
import type { CrmDatabase } from '../db/database';
import { InvariantViolation } from '../db/invariant';
import { projectOnce } from '../db/projection-middleware';
import type { OutboxEntry, QuarantinedChange } from '../domain/records';
import { maxHlc } from '../../../shared/sync/hlc';
import { checkPulledFields, isSyncTable } from '../../../shared/sync/tables';
import type { ArrivedFix } from './arrived-fixes';
import { arrivedFix, keepArrivedFixes } from './arrived-fixes';
import { isConflictTable } from './conflict-rules';
import { mergeRemoteRow, pendingFieldClocks } from './merge';
import type { Touched } from './resolve';
import {
  addTouched,
  claimKey,
  keepTouched,
  noneTouched,
  remoteClocks,
  resolveConflicts,
} from './resolve';
import { storedByIds } from './stored-rows';
import { SYNC_KEYS } from './sync-state';

type Row = Record<string, unknown> & { id: string };
export type RejectedRow = { table: string; row_id: string; reason: string };

function rowTable(db: CrmDatabase, name: string): Table<Row, string> {
  return db.table(name) as unknown as Table<Row, string>;
}

function latestClock(rows: readonly RemoteRow[]): string | undefined {
  let latest: string | undefined;
  for (const row of rows) for (const hlc of Object.values(row.clocks)) latest = maxHlc(latest, hlc);
  return latest;
}

/**
 * A set-aside change's fields are still this computer's: an older remote value does not
 * overwrite them while the user decides. Except the fields it was refused for: their value
 * cannot be stored (a control character), so the team's value takes their place.
 */
function keptFields(record: QuarantinedChange): OutboxEntry {
  const refused = new Set(record.problems.map((problem) => problem.field));
  const { entry } = record;
  const fields = entry.changed_fields ?? Object.keys(entry.value ?? {});
  return {
    ...entry,
    changed_fields: fields.filter((field) => !refused.has(field.split('.')[0] ?? field)),
  };
}

/** Pending (unconfirmed) changes per row: in the outbox, or set aside. */
async function pendingByRow(
  db: CrmDatabase,
  rows: readonly RemoteRow[],
): Promise<Map<string, OutboxEntry[]>> {
  const byRow = new Map<string, OutboxEntry[]>();
  const ids = [...new Set(rows.map((row) => row.row_id))];
  const pending = [
    ...(await db.sync_outbox.where('row_id').anyOf(ids).toArray()),
    ...(await db.sync_quarantine.where('row_id').anyOf(ids).toArray()).map(keptFields),
  ];
  for (const entry of pending) {
    const key = `${entry.table}\u0000${entry.row_id}`;
    byRow.set(key, [...(byRow.get(key) ?? []), entry]);
  }
  return byRow;
}

/** The rows to write per table (merged with what is pending here) and their claim clocks. */
async function mergedWrites(
  db: CrmDatabase,
  rows: readonly RemoteRow[],
): Promise<{
  writes: Map<string, Row[]>;
  isNew: Set<string>;
  claims: { key: string; value: Record<string, string> }[];
  arrived: ArrivedFix[];
}> {
  const byRow = await pendingByRow(db, rows);
  const clock = localClock(db.name);
  // One read per table, not per row: a first sync brings thousands per page.
  const byTable = new Map<string, RemoteRow[]>();
  for (const remote of rows)
    byTable.set(remote.table, [...(byTable.get(remote.table) ?? []), remote]);
  const writes = new Map<string, Row[]>();
  const isNew = new Set<string>();
  const claims: { key: string; value: Record<string, string> }[] = [];
  const arrived: ArrivedFix[] = [];
  for (const [name, remotes] of byTable) {
    const locals = await storedByIds(
      rowTable(db, name),
      remotes.map((remote) => remote.row_id),
    );
    const merged: Row[] = [];
    remotes.forEach((remote, index) => {
      for (const hlc of Object.values(remote.clocks)) clock.observe(hlc);
      if (isConflictTable(name))
        claims.push({
          key: claimKey(name, remote.row_id),
          value: remoteClocks(name, remote.clocks),
        });
      const local = locals[index];
      const row = mergeRemoteRow(
        remote,
        local,
        pendingFieldClocks(byRow.get(`${remote.table}\u0000${remote.row_id}`) ?? []),
      );
      if (!row) return;
      merged.push(row);
      if (!local) isNew.add(`${name}/${row.id}`);
      const fix = arrivedFix(name, remote, local, row);
      if (fix) arrived.push(fix);
    });
    writes.set(name, merged);
  }
  return { writes, isNew, claims, arrived };
}

async function applyRows(
  db: CrmDatabase,
  rows: readonly RemoteRow[],
  touched: Touched,
): Promise<number> {
  // Every customer the page touches gets its list row rebuilt once, at the end, with the
  // profiles as written (not after each table's write, reading them back).
  return projectOnce(async () => {
    const { writes, isNew, claims, arrived } = await mergedWrites(db, rows);
    // Kept so the conflict rules know a stored row's field clocks when a later row arrives.
    if (claims.length > 0) await db.sync_state.bulkPut(claims);
    const pulled = new Map(claims.map((claim) => [claim.key, claim.value]));
    // The groups this page touched, kept with it until a pull completes (keepTouched).
    const pageTouched = noneTouched();
    const rest = await resolveConflicts(db, writes, pulled, pageTouched);
    addTouched(touched, pageTouched);
    await keepTouched(db, pageTouched);
    let written = 0;
    // Rows this replica never stored (most of a first sync) are added, not put: an add has no
    // previous row, so the list projection reads no previous owner for it. The stored rows
    // first: a page that tombstones this laptop's address and gives it to a new row (the
    // later claim and its fix) must not meet the guard with the old row still live.
    for (const [name, merged] of rest) {
      const added = merged.filter((row) => isNew.has(`${name}/${row.id}`));
      const replaced = merged.filter((row) => !isNew.has(`${name}/${row.id}`));
      if (replaced.length > 0) await rowTable(db, name).bulkPut(replaced);
      if (added.length > 0) await rowTable(db, name).bulkAdd(added);
      written += merged.length;
    }
    // Another laptop's fixes to rows stored here: told here too, once the pull is complete
    // and this laptop's own fixes are made (settleConflicts; arrived-fixes.ts). Kept with the
    // page, so a pull interrupted after it still tells them when a later one completes.
    await keepArrivedFixes(db, arrived);
    return written;
  });
}

/** Tables the conflict rules read besides the pulled ones (an email's customer). */
function readScope(tables: readonly string[]): string[] {
  return tables.includes('customer_emails') && !tables.includes('customer_profiles')
    ? ['customer_profiles']
    : [];
}

/**
 * The pulled rows this app can store, checked against the shared schemas: tables and fields
 * it does not know (a newer app's) are left out; a row whose known fields have the wrong type
 * or a control character is refused with its reason.
 */
function checkRows(rows: readonly RemoteRow[]): { usable: RemoteRow[]; refused: RejectedRow[] } {
  const usable: RemoteRow[] = [];
  const refused: RejectedRow[] = [];
  for (const row of rows) {
    if (!isSyncTable(row.table)) continue;
    const { fields, problems } = checkPulledFields(row.table, row.data);
    if (problems.length > 0)
      refused.push({
        table: row.table,
        row_id: row.row_id,
        reason: problems.map((problem) => problem.reason).join('; '),
      });
    else usable.push({ ...row, data: fields });
  }
  return { usable, refused };
}

/**
 * Writes one page. Rows the local rules refuse (two laptops gave one email address to two
 * customers while offline; a field of the wrong type) are set aside in sync_state and
 * reported instead of blocking every later page; the rest of the page is applied.
 */
export async function applyPage(
  db: CrmDatabase,
  rows: readonly RemoteRow[],
  cursor: string,
  /** Collects the conflict groups to settle once the pull has every page (resolve.ts). */
  touched: Touched = noneTouched(),
): Promise<{ written: number; rejected: RejectedRow[] }> {
  const { usable, refused } = checkRows(rows);
  const tables = [...new Set(usable.map((row) => row.table))];
  const scope = [...tables, ...readScope(tables), 'sync_outbox', 'sync_quarantine', 'sync_state'];
  const finish = async (written: number, rejected: RejectedRow[]) => {
    await db.sync_state.put({ key: SYNC_KEYS.cursor, value: cursor });
    await db.sync_state.put({ key: HLC_STATE_KEY, value: localClock(db.name).last() });
    const latest = latestClock(rows);
    if (latest) {
      const saved = await db.sync_state.get(SYNC_KEYS.remoteClockMax);
      const before = typeof saved?.value === 'string' ? saved.value : undefined;
      await db.sync_state.put({ key: SYNC_KEYS.remoteClockMax, value: maxHlc(before, latest) });
    }
    if (rejected.length > 0) {
      const saved = await db.sync_state.get(SYNC_KEYS.rejected);
      const before = Array.isArray(saved?.value) ? (saved.value as RejectedRow[]) : [];
      await db.sync_state.put({
        key: SYNC_KEYS.rejected,
        value: [...before, ...rejected].slice(-200),
      });
    }
    return { written, rejected };
  };
  try {
    return await db.transaction('rw', scope, async (tx) => {
      skipChangeCapture(tx.idbtrans);
      return finish(await applyRows(db, usable, touched), refused);
    });
  } catch (error) {
    if (!isInvariant(error)) throw error;
  }
  // One row at a time, so one refused row does not hold back the others.
  let written = 0;
  const rejected: RejectedRow[] = [...refused];
  for (const row of usable) {
    try {
      written += await db.transaction(
        'rw',
        [row.table, ...readScope([row.table]), 'sync_outbox', 'sync_quarantine', 'sync_state'],
        async (tx) => {
          skipChangeCapture(tx.idbtrans);
          return applyRows(db, [row], touched);
        },
      );
    } catch (error) {
      if (!isInvariant(error)) throw error;
      rejected.push({ table: row.table, row_id: row.row_id, reason: (error as Error).message });
    }
  }
  return db.transaction('rw', scope, async (tx) => {
    skipChangeCapture(tx.idbtrans);
    return finish(written, rejected);
  });
}

function isInvariant(error: unknown): boolean {
  if (error instanceof InvariantViolation) return true;
  const inner = (error as { inner?: unknown } | null)?.inner;
  return inner instanceof InvariantViolation;
}
