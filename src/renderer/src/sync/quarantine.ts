/**
 * Changes the server refused for their content are set aside here (sync_quarantine), so one
 * bad change never holds back the rest of the outbox or the pull. The user sees each one in
 * Settings → Sync with its customer and reason, and retries or discards it.
 */
import type { Table } from 'dexie';
import type { CrmDatabase } from '../db/database';
import type { OutboxEntry, QuarantinedChange, SyncRefusal } from '../domain/records';
import { nowIso } from '../domain/ids';
import { CUSTOMER_FIELD, fieldProblems, isSyncTable } from '../../../shared/sync/tables';
import { SYNCED_TABLES } from '../db/schema';
import { entryFields } from './merge';
import { SYNC_KEYS } from './sync-state';

type Row = Record<string, unknown> & { id: string };

function rowTable(db: CrmDatabase, name: string): Table<Row, string> {
  return db.table(name) as unknown as Table<Row, string>;
}

/** The customer a change concerns: the profile itself, a child row's customer, a task's. */
async function customerOf(db: CrmDatabase, entry: OutboxEntry): Promise<string> {
  if (entry.table === 'customer_profiles') return entry.row_id;
  if (!isSyncTable(entry.table)) return '';
  const row = entry.value ?? (await rowTable(db, entry.table).get(entry.row_id)) ?? null;
  const field = CUSTOMER_FIELD[entry.table];
  if (field) return typeof row?.[field] === 'string' ? (row[field] as string) : '';
  if (entry.table === 'crm_task_assignments' && typeof row?.task_id === 'string')
    return (await db.crm_tasks.get(row.task_id))?.customer_id ?? '';
  return '';
}

/**
 * Numbers the unconfirmed entries again after some left the queue: the server expects
 * consecutive sequence numbers, and none from `from` on was applied (it refused the push).
 */
async function closeSequenceGaps(db: CrmDatabase, from: number): Promise<void> {
  const numbered = (await db.sync_outbox.orderBy(':id').toArray()).filter(
    (entry) => entry.push_seq !== undefined && entry.push_seq >= from,
  );
  let next = from;
  const renumbered = numbered.map((entry) => ({ ...entry, push_seq: next++ }));
  await db.sync_outbox.bulkPut(renumbered);
  const saved = await db.sync_state.get(SYNC_KEYS.nextPushSeq);
  if (typeof saved?.value !== 'number' || saved.value > next)
    await db.sync_state.put({ key: SYNC_KEYS.nextPushSeq, value: next });
}

const scope = (db: CrmDatabase) => [
  db.sync_outbox,
  db.sync_state,
  db.sync_quarantine,
  ...SYNCED_TABLES.map((name) => db.table(name)),
];

/**
 * Moves outbox entries (by outbox key) to the quarantine with their reasons, in one
 * transaction with the renumbering of what stays in the queue.
 */
export async function setAside(
  db: CrmDatabase,
  refused: ReadonlyMap<number, SyncRefusal[]>,
): Promise<number> {
  return db.transaction('rw', scope(db), async () => {
    const entries = (await db.sync_outbox.bulkGet([...refused.keys()])).filter(
      (entry): entry is OutboxEntry => entry !== undefined,
    );
    if (entries.length === 0) return 0;
    const records: QuarantinedChange[] = [];
    for (const entry of entries) {
      const { seq, push_seq: _push, ...captured } = entry;
      records.push({
        entry: captured,
        table: entry.table,
        row_id: entry.row_id,
        customer_id: await customerOf(db, entry),
        problems: refused.get(seq as number) ?? [],
        quarantined_at: nowIso(),
      });
    }
    await db.sync_quarantine.bulkAdd(records);
    await db.sync_outbox.bulkDelete(entries.map((entry) => entry.seq as number));
    const numbers = entries.flatMap((entry) =>
      entry.push_seq === undefined ? [] : [entry.push_seq],
    );
    if (numbers.length > 0) await closeSequenceGaps(db, Math.min(...numbers));
    return entries.length;
  });
}

export type RetryResult =
  { status: 'queued' } | { status: 'still-invalid'; problems: SyncRefusal[] } | { status: 'gone' };

/**
 * Puts a set-aside change back at the end of the queue (a new place and push sequence). Its
 * fields carry the row's values as they are now, so a fix made since goes with it; its clock
 * stays the moment the change was made, so an edit made later, here or elsewhere, still wins.
 * Refused (left set aside) while its values still break the shared schema.
 */
export async function retryQuarantined(db: CrmDatabase, id: number): Promise<RetryResult> {
  return db.transaction('rw', scope(db), async () => {
    const record = await db.sync_quarantine.get(id);
    if (!record) return { status: 'gone' };
    const entry: OutboxEntry = { ...record.entry };
    if (entry.op === 'put' && isSyncTable(entry.table)) {
      const current = await rowTable(db, entry.table).get(entry.row_id);
      if (current) entry.value = current;
    }
    const fields = entryFields(entry);
    const problems = fields ? fieldProblems(entry.table, fields) : [];
    if (problems.length > 0) return { status: 'still-invalid', problems };
    await db.sync_outbox.add(entry);
    await db.sync_quarantine.delete(id);
    return { status: 'queued' };
  });
}

/** Drops a set-aside change: this computer keeps its data, the server never gets the change. */
export async function discardQuarantined(db: CrmDatabase, id: number): Promise<void> {
  await db.sync_quarantine.delete(id);
}
