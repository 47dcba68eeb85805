/**
 * Change capture for sync: every write to a synced table lands in sync_outbox in the same
 * transaction, so a committed change is always queued and an aborted one never is (the
 * Dexie Cloud pattern). Writes applied from a sync pull are marked and not captured, or
 * they would echo back to the server.
 *
 * Each entry is stamped with a hybrid logical clock (HLC) when the change is made, so the
 * server can merge field by field, last writer wins, whenever the change arrives. A put
 * without Dexie's update spec is compared with the stored row: only the fields that differ
 * count as changed, so re-saving a whole row does not claim fields it did not touch.
 *
 * Until sync is first configured nothing needs queuing: a new database starts with capture
 * dormant (sync_state `capture` = 'dormant', set when it is created) and its writes skip the
 * outbox, the clock and the diff reads. The first sync turns capture on and queues every
 * existing row once (sync/initial-upload.ts). A database without the key (made before this
 * existed, or restored from such a backup) captures everything, as it always did.
 */
import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { HybridClock, maxHlc } from '../../../shared/sync/hlc';
import { newId, nowIso } from '../domain/ids';
import type { OutboxEntry } from '../domain/records';
import type { InZone } from './dbcore-helpers';
import { captureZone, keysToDelete, writtenValues } from './dbcore-helpers';
import { SYNCED_TABLES } from './schema';
import { widenWriteScope } from './transaction-scope';

const synced = new Set<string>(SYNCED_TABLES);
const transactionIds = new WeakMap<object, string>();
const uncaptured = new WeakSet<object>();

/** sync_state key of the last clock handed out or observed: keeps clocks monotonic across restarts. */
export const HLC_STATE_KEY = 'hlc';

/** sync_state key of whether writes are queued: 'dormant' until sync is first configured. */
export const CAPTURE_STATE_KEY = 'capture';
export type CaptureState = 'dormant' | 'all';

/** Per read-write transaction: whether its writes are captured (read once from sync_state). */
const capturingIn = new WeakMap<object, boolean>();

/**
 * Whether this transaction's writes go to the outbox. Read inside the transaction, which
 * always holds sync_state: the switch to 'all' is a write to sync_state, so every write
 * transaction runs wholly before it (and its rows are queued by the initial upload) or
 * wholly after it (and is captured), whichever connection (page, import worker) it runs on.
 */
async function capturing(inZone: InZone, down: DBCore, trans: DBCoreTransaction): Promise<boolean> {
  const known = capturingIn.get(trans);
  if (known !== undefined) return known;
  const saved = (await inZone(() =>
    down.table('sync_state').get({ trans, key: CAPTURE_STATE_KEY }),
  )) as { value?: unknown } | undefined;
  const on = saved?.value !== 'dormant';
  capturingIn.set(trans, on);
  return on;
}

type ClockSlot = { clock: HybridClock; now: () => number; loaded: boolean };
const clocks = new Map<string, ClockSlot>();

function clockSlot(databaseName: string): ClockSlot {
  let slot = clocks.get(databaseName);
  if (!slot) {
    // The node id only has to be unique per clock: a fresh one per session is enough.
    const now = () => Date.now();
    slot = {
      clock: new HybridClock(newId().replace(/[^A-Za-z0-9]/g, ''), now),
      now,
      loaded: false,
    };
    clocks.set(databaseName, slot);
  }
  return slot;
}

/**
 * After the server refused this device's clock as too far ahead and the user has fixed it:
 * start the clock again from the wall time and `floor` (the latest clock seen from the
 * server), instead of from the bad future value it would otherwise never leave.
 */
export function restartLocalClock(databaseName: string, floor: string | undefined): HybridClock {
  const slot = clockSlot(databaseName);
  slot.clock = new HybridClock(slot.clock.node, slot.now);
  if (floor) slot.clock.observe(floor);
  slot.loaded = true;
  return slot.clock;
}

/**
 * Gives a database's clock another time source (tests simulate laptops whose clocks are
 * hours apart). What the old clock handed out is kept, so time never runs backwards.
 */
export function useTimeSource(databaseName: string, now: () => number): void {
  const slot = clockSlot(databaseName);
  const clock = new HybridClock(slot.clock.node, now);
  clock.observe(slot.clock.last());
  slot.clock = clock;
  slot.now = now;
}

/** The clock that stamps this database's local changes (the sync client advances it on pull). */
export function localClock(databaseName: string): HybridClock {
  return clockSlot(databaseName).clock;
}

async function loadClock(
  inZone: InZone,
  down: DBCore,
  trans: DBCoreTransaction,
  slot: ClockSlot,
): Promise<void> {
  if (slot.loaded) return;
  const saved = (await inZone(() =>
    down.table('sync_state').get({ trans, key: HLC_STATE_KEY }),
  )) as { value?: unknown } | undefined;
  if (typeof saved?.value === 'string') slot.clock.observe(saved.value);
  slot.loaded = true;
}

/**
 * Outbox entries that queue whole rows as they stand (the initial upload), stamped by this
 * database's clock after `savedClock` (sync_state's HLC), one transaction id for the batch.
 */
export function snapshotEntries(
  databaseName: string,
  savedClock: string | undefined,
  table: string,
  rows: readonly (Record<string, unknown> & { id: string })[],
): OutboxEntry[] {
  const slot = clockSlot(databaseName);
  if (savedClock) slot.clock.observe(savedClock);
  slot.loaded = true;
  const common = { table, tx_id: newId(), captured_at: nowIso() };
  return rows.map((row) => ({
    ...common,
    row_id: row.id,
    op: 'put',
    value: row,
    changed_fields: null,
    hlc: slot.clock.tick(),
  }));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Per read-write transaction and table: copies of the rows read by key, as stored. A writer
 * that reads rows, changes them and puts them back (the import's updates) is then diffed
 * without reading every row again. Every write through here drops the keys it touches, so
 * what is left is exactly what the database holds.
 */
const readInTransaction = new WeakMap<object, Map<string, Map<unknown, unknown>>>();

function rememberReads(
  trans: DBCoreTransaction,
  table: string,
  keys: readonly unknown[],
  rows: readonly unknown[],
): void {
  // Only a write in the same transaction uses them: none in a read-only transaction, and none
  // once this transaction is known not to capture (sync not configured). Copying every row
  // read regardless was a structuredClone per customer looked up by the import.
  if ((trans as unknown as IDBTransaction).mode !== 'readwrite') return;
  if (capturingIn.get(trans) === false) return;
  let tables = readInTransaction.get(trans);
  if (!tables) readInTransaction.set(trans, (tables = new Map()));
  let rowsByKey = tables.get(table);
  if (!rowsByKey) tables.set(table, (rowsByKey = new Map()));
  keys.forEach((key, index) => {
    const row = rows[index];
    // A copy: the caller is free to change the object it got before writing it back.
    if (row !== undefined) rowsByKey.set(key, structuredClone(row));
  });
}

function forgetReads(trans: DBCoreTransaction, table: string, keys: readonly unknown[]): void {
  const rowsByKey = readInTransaction.get(trans)?.get(table);
  if (rowsByKey) for (const key of keys) rowsByKey.delete(key);
}

/** Fields of each written row that differ from the stored row; null for a new row. */
async function diffAgainstStored(
  inZone: InZone,
  table: DBCoreTable,
  trans: DBCoreTransaction,
  values: readonly unknown[],
): Promise<Map<string, string[] | null>> {
  const rows = values as { id: string }[];
  const known = readInTransaction.get(trans)?.get(table.name);
  const unknownIds = rows.map((row) => row.id).filter((id) => !known?.has(id));
  const read = (await inZone(() => table.getMany({ trans, keys: unknownIds }))) as (
    Record<string, unknown> | undefined
  )[];
  const readById = new Map(unknownIds.map((id, index) => [id, read[index]]));
  const stored = rows.map(
    (row) => (known?.get(row.id) as Record<string, unknown> | undefined) ?? readById.get(row.id),
  );
  const changed = new Map<string, string[] | null>();
  rows.forEach((row, index) => {
    const before = stored[index];
    if (!before) return changed.set(row.id, null);
    const after = row as Record<string, unknown>;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    changed.set(
      row.id,
      [...keys].filter((key) => key !== 'id' && !sameValue(before[key], after[key])),
    );
  });
  return changed;
}

/** For sync pulls: writes in this transaction are others' changes, not ours to push. */
export function skipChangeCapture(trans: DBCoreTransaction | object): void {
  uncaptured.add(trans);
}

function transactionId(trans: object): string {
  let id = transactionIds.get(trans);
  if (!id) {
    id = newId();
    transactionIds.set(trans, id);
  }
  return id;
}

type MutateRequest = Parameters<DBCoreTable['mutate']>[0];
type MutateResponse = Awaited<ReturnType<DBCoreTable['mutate']>>;

/** The fields each put changes, when known before writing (null: the whole row is new). */
async function changedFields(
  inZone: InZone,
  table: DBCoreTable,
  req: MutateRequest,
): Promise<Map<unknown, string[] | null>> {
  const changedByKey = new Map<unknown, string[] | null>();
  if (req.type === 'put' && req.updates) {
    req.updates.keys.forEach((key, index) =>
      changedByKey.set(key, Object.keys(req.updates?.changeSpecs[index] ?? {})),
    );
  } else if (req.type === 'put' && !req.changeSpec) {
    const diff = await diffAgainstStored(inZone, table, req.trans, req.values);
    diff.forEach((fields, key) => changedByKey.set(key, fields));
  }
  return changedByKey;
}

/** The outbox entries of a write that went through: one per row written or deleted. */
function outboxEntries(
  name: string,
  req: MutateRequest,
  written: { response: MutateResponse; deletedKeys: readonly unknown[] },
  changedByKey: Map<unknown, string[] | null>,
  clock: HybridClock,
): OutboxEntry[] {
  const common = { table: name, tx_id: transactionId(req.trans), captured_at: nowIso() };
  if (req.type !== 'put' && req.type !== 'add')
    return written.deletedKeys.map((key) => ({
      ...common,
      row_id: String(key),
      op: 'delete',
      value: null,
      changed_fields: null,
      hlc: clock.tick(),
    }));
  const entries: OutboxEntry[] = [];
  for (const value of writtenValues(req, written.response.failures)) {
    const row = value as Record<string, unknown> & { id: string };
    const changed = changedByKey.has(row.id)
      ? (changedByKey.get(row.id) ?? null)
      : req.type === 'put' && req.changeSpec
        ? Object.keys(req.changeSpec)
        : null;
    // Re-saving a row unchanged is not a change anyone needs to hear about.
    if (changed !== null && changed.length === 0) continue;
    entries.push({
      ...common,
      row_id: row.id,
      op: 'put',
      value: row,
      changed_fields: changed,
      hlc: clock.tick(),
    });
  }
  return entries;
}

/** Adds the entries to the outbox and moves the stored clock past them, in the write's transaction. */
async function appendToOutbox(
  inZone: InZone,
  down: DBCore,
  trans: DBCoreTransaction,
  entries: OutboxEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await inZone(() => down.table('sync_outbox').mutate({ type: 'add', trans, values: entries }));
  const last = entries.reduce<string | undefined>((m, e) => maxHlc(m, e.hlc), undefined);
  await inZone(() =>
    down.table('sync_state').mutate({
      type: 'put',
      trans,
      values: [{ key: HLC_STATE_KEY, value: last }],
    }),
  );
}

/** A synced table whose every write also lands in the outbox, in the same transaction. */
function capturedTable(down: DBCore, name: string): DBCoreTable {
  const table = down.table(name);
  return {
    ...table,
    async get(req) {
      const row = await table.get(req);
      rememberReads(req.trans, name, [req.key], [row]);
      return row;
    },
    async getMany(req) {
      const rows = await table.getMany(req);
      rememberReads(req.trans, name, req.keys, rows);
      return rows;
    },
    async mutate(req) {
      const inZone = captureZone();
      if (uncaptured.has(req.trans)) return table.mutate(req);
      if (!(await capturing(inZone, down, req.trans))) return inZone(() => table.mutate(req));
      const deletedKeys = await keysToDelete(inZone, table, req);
      const slot = clockSlot(down.schema.name);
      await loadClock(inZone, down, req.trans, slot);
      const changedByKey = await changedFields(inZone, table, req);
      const response = await inZone(() => table.mutate(req));
      forgetReads(
        req.trans,
        name,
        req.type === 'put' || req.type === 'add'
          ? req.values.map((value) => (value as { id: string }).id)
          : deletedKeys,
      );
      const written = { response, deletedKeys };
      const entries = outboxEntries(name, req, written, changedByKey, slot.clock);
      await appendToOutbox(inZone, down, req.trans, entries);
      return response;
    },
  };
}

export const changeCaptureMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-change-capture',
  level: 1.1, // see guard-middleware.ts for why below 2
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = widenWriteScope(stores, mode);
        if (mode === 'readwrite' && !scope.includes('sync_state')) scope.push('sync_state');
        return down.transaction(scope, mode, options);
      },
      table: (name) => (synced.has(name) ? capturedTable(down, name) : down.table(name)),
    };
  },
};
