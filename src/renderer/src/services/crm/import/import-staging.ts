/**
 * The import's staging area (table import_staging): the candidates of each batch of rows the
 * reader yields (one per MiB of file), written while the file is read, read back when the plan
 * needs a row's content and, a batch at a time, when the rows are written. One record per
 * batch, keyed [session, first row]: a million rows are ~150 records, not a million (staging
 * row by row made reading a 1,048,576-row file take 2.5 times as long).
 *
 * A session holds a Web Lock while it lives (its worker). Rows of sessions nobody holds any
 * more (a window closed mid-wizard, a crash) are dropped when the next import starts.
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import type { ImportCandidate, StagedBatch } from '../../../domain/import/rows';
import { heldLockSuffixes, holdLock } from './import-locks';

const LOCK_PREFIX = 'encore-import-staging:';

export function createImportStaging(db: CrmDatabase) {
  const table = db.import_staging;
  const ofSession = (session: string) =>
    table.where('[session+row]').between([session, -Infinity], [session, Dexie.maxKey], true, true);

  /** The batch whose rows include `row`: the one with the greatest first row <= `row`. */
  async function batchOf(session: string, row: number): Promise<StagedBatch> {
    const batch = await table
      .where('[session+row]')
      .between([session, -Infinity], [session, row], true, true)
      .last();
    const candidate = batch?.candidates[row - batch.row];
    // Only a cleanup that believed this session dead can have removed it.
    if (!batch || candidate?.row !== row)
      throw new Error(`Row ${row} of the checked file is no longer staged. Choose the file again.`);
    return batch;
  }

  /** The staged candidates of `rows`, in the order given. */
  async function get(session: string, rows: readonly number[]): Promise<ImportCandidate[]> {
    const found = new Map<number, ImportCandidate>();
    let batch: StagedBatch | null = null;
    for (const row of [...rows].sort((a, b) => a - b)) {
      const current: StagedBatch =
        batch && row - batch.row < batch.candidates.length ? batch : await batchOf(session, row);
      batch = current;
      const candidate = current.candidates[row - current.row];
      if (candidate) found.set(row, candidate);
    }
    return rows.map((row) => found.get(row) as ImportCandidate);
  }

  /** Replaces one row's staged candidate (a fixed cell). */
  async function replace(session: string, candidate: ImportCandidate): Promise<void> {
    await db.transaction('rw', table, async () => {
      const batch = await batchOf(session, candidate.row);
      batch.candidates[candidate.row - batch.row] = candidate;
      await table.put(batch);
    });
  }

  /** Drops the rows of sessions no tab or worker holds, except `keep`. */
  async function dropAbandoned(keep: string): Promise<number> {
    const alive = await heldLockSuffixes(LOCK_PREFIX);
    // Without Web Locks nobody can tell whether another session is alive: leave them.
    if (!alive) return 0;
    let dropped = 0;
    let next = await table.orderBy('[session+row]').first();
    while (next) {
      const session = next.session;
      if (session !== keep && !alive.has(session)) {
        await ofSession(session).delete();
        dropped += 1;
      }
      next = await table.where('[session+row]').above([session, Dexie.maxKey]).first();
    }
    return dropped;
  }

  return {
    /** Holds the session's lock until the returned function is called. */
    hold: (session: string) => holdLock(LOCK_PREFIX + session),
    /** Stages a batch of consecutive rows (in row order). */
    put: async (session: string, candidates: readonly ImportCandidate[]) => {
      const first = candidates[0];
      if (first) await table.put({ session, row: first.row, candidates: [...candidates] });
    },
    get,
    replace,
    /** The batch after the one starting at `afterRow` (-Infinity: the first), or undefined. */
    nextBatch: (session: string, afterRow: number) =>
      table
        .where('[session+row]')
        .between([session, afterRow], [session, Dexie.maxKey], false, true)
        .first(),
    drop: (session: string) => ofSession(session).delete(),
    dropAbandoned,
  };
}

export type ImportStaging = ReturnType<typeof createImportStaging>;
