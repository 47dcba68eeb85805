/** Simulated laptops for the sync tests: each its own Dexie database and clock. */
import Dexie from 'dexie';
import { useTimeSource } from '../../src/renderer/src/db/change-capture-middleware';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import type { OutboxEntry, TeamMember } from '../../src/renderer/src/domain/records';
import type { SyncOptions } from '../../src/renderer/src/sync/engine';
import { syncOnce } from '../../src/renderer/src/sync/engine';
import { completeInitialUpload } from '../../src/renderer/src/sync/initial-upload';
import type { SyncRequest, SyncTransport } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport } from '../server/harness';

let counter = 0;

export type Laptop = {
  db: CrmDatabase;
  /** Moves this laptop's wall clock (ms from real time). */
  setClockOffset(ms: number): void;
  transport: SyncTransport;
  sync(options?: SyncOptions): ReturnType<typeof syncOnce>;
};

export function laptop(server: TestServer, token: string, transport?: SyncTransport): Laptop {
  counter += 1;
  const db = new CrmDatabase(`sync-laptop-${counter}-${Math.random().toString(36).slice(2)}`);
  let offset = 0;
  useTimeSource(db.name, () => Date.now() + offset);
  const via = transport ?? appTransport(server, token);
  return {
    db,
    setClockOffset: (ms) => {
      offset = ms;
    },
    transport: via,
    sync: (options) => syncOnce(db, via, { now: () => Date.now() + offset, ...options }),
  };
}

export function member(name: string, id: string = newId()): TeamMember {
  const now = nowIso();
  return { id, name, email: '', active: 1, created_at: now, updated_at: now, deleted: 0 };
}

/** Every row of a table, sorted by id, for comparing replicas. */
export async function rowsOf(db: CrmDatabase, table: string): Promise<Record<string, unknown>[]> {
  const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
  return rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/**
 * Writes as an older version of the app did, before the write guard refused control
 * characters: straight into IndexedDB (a plain Dexie on the same database, no middlewares),
 * the row and, when given, its outbox entry.
 */
export async function writeAsOldVersion(
  db: CrmDatabase,
  table: string,
  row: Record<string, unknown> & { id: string },
  hlc: string,
): Promise<void> {
  await db.open(); // creates the database with its schema when this is its first write
  // An older version captured every change (it had no dormant capture): so must this one.
  await completeInitialUpload(db);
  const raw = new Dexie(db.name);
  await raw.open();
  try {
    await raw.table(table).put(row);
    await raw.table('sync_outbox').add({
      table,
      row_id: row.id,
      op: 'put',
      value: row,
      changed_fields: null,
      tx_id: newId(),
      captured_at: nowIso(),
      hlc,
    } satisfies OutboxEntry);
  } finally {
    raw.close();
  }
}

/** A transport that lets a test answer some requests itself (faults, proxies). */
export function intercept(
  inner: SyncTransport,
  answer: (request: SyncRequest) => Promise<unknown> | undefined,
): SyncTransport {
  return (request) => answer(request) ?? inner(request);
}
