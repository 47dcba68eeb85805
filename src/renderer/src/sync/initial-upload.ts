/**
 * The initial upload. A database starts with change capture dormant: until sync is first
 * configured, no write needs queuing (nobody is listening), and queuing every change of an
 * import or a seed cost a large part of the write. The first sync turns capture on and queues
 * every existing row of every synced table once, as a whole-row put stamped now, in batches:
 *
 * 1. one transaction switches capture to 'all' and records where the upload stands;
 * 2. batch after batch (one transaction each), the next rows of a table in key order join the
 *    outbox and the position moves on; a crash resumes from the saved position.
 *
 * Nothing is lost: the switch is a write to sync_state, which every write transaction holds
 * (change-capture-middleware.ts), so a write is wholly before it (its row is in the table when
 * the upload reads it) or wholly after it (captured like any change). A row changed during
 * the upload may be queued twice; the server merges by clock, so the later stamp wins.
 */
import type { CrmDatabase } from '../db/database';
import { CAPTURE_STATE_KEY, HLC_STATE_KEY, snapshotEntries } from '../db/change-capture-middleware';
import { SYNCED_TABLES } from '../db/schema';

/** sync_state key of the upload's position while it runs: the table's index and the last key. */
export const INITIAL_UPLOAD_KEY = 'initial_upload';

type UploadPosition = { table: number; after: string | null };

const BATCH = 2000;

function isPosition(value: unknown): value is UploadPosition {
  const position = value as UploadPosition | undefined;
  return (
    typeof position?.table === 'number' &&
    (position.after === null || typeof position.after === 'string')
  );
}

/** Whether this database queues its changes for sync (false until sync is first configured). */
export async function isCapturing(db: CrmDatabase): Promise<boolean> {
  return (await db.sync_state.get(CAPTURE_STATE_KEY))?.value !== 'dormant';
}

/** Switches capture on (once) and returns where the upload stands, or null when it is done. */
async function beginUpload(db: CrmDatabase): Promise<UploadPosition | null> {
  return db.transaction('rw', db.sync_state, async () => {
    const saved = await db.sync_state.get(INITIAL_UPLOAD_KEY);
    if (isPosition(saved?.value)) return saved.value;
    if (await isCapturing(db)) return null;
    const start: UploadPosition = { table: 0, after: null };
    await db.sync_state.bulkPut([
      { key: CAPTURE_STATE_KEY, value: 'all' },
      { key: INITIAL_UPLOAD_KEY, value: start },
    ]);
    return start;
  });
}

/** Queues the next batch of rows; returns the next position (null: done) and how many. */
async function queueBatch(
  db: CrmDatabase,
  position: UploadPosition,
  batchSize: number,
): Promise<{ next: UploadPosition | null; queued: number }> {
  const name = SYNCED_TABLES[position.table];
  if (name === undefined) {
    await db.sync_state.delete(INITIAL_UPLOAD_KEY);
    return { next: null, queued: 0 };
  }
  const table = db.table<Record<string, unknown> & { id: string }, string>(name);
  return db.transaction('rw', [table, db.sync_outbox, db.sync_state], async () => {
    const rows = await (
      position.after === null ? table.orderBy(':id') : table.where(':id').above(position.after)
    )
      .limit(batchSize)
      .toArray();
    const last = rows.at(-1);
    const next: UploadPosition = last
      ? { table: position.table, after: last.id }
      : { table: position.table + 1, after: null };
    if (last) {
      const clock = await db.sync_state.get(HLC_STATE_KEY);
      const entries = snapshotEntries(
        db.name,
        typeof clock?.value === 'string' ? clock.value : undefined,
        name,
        rows,
      );
      await db.sync_outbox.bulkAdd(entries);
      await db.sync_state.put({ key: HLC_STATE_KEY, value: entries.at(-1)?.hlc });
    }
    await db.sync_state.put({ key: INITIAL_UPLOAD_KEY, value: next });
    return { next, queued: rows.length };
  });
}

/**
 * Makes sure every change this database holds is queued for sync: the first time, switches
 * capture on and queues every existing row (resuming an upload a crash cut short). Returns how
 * many rows it queued; 0 once capture is on and the upload done.
 */
export async function completeInitialUpload(db: CrmDatabase, batchSize = BATCH): Promise<number> {
  let position = await beginUpload(db);
  let queued = 0;
  while (position) {
    const batch = await queueBatch(db, position, batchSize);
    queued += batch.queued;
    position = batch.next;
  }
  return queued;
}
