/**
 * The import's staging area (table import_staging): each row's candidate, written while the
 * file is read, read back when the plan needs a row's content and, a page at a time, when the
 * rows are written. A session's rows are one key range ([session, row]), so paging and
 * dropping them are range operations.
 *
 * A session holds a Web Lock while it lives (its worker). Rows of sessions nobody holds any
 * more (a window closed mid-wizard, a crash) are dropped when the next import starts.
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../db/database';
import type { ImportCandidate } from '../../domain/import/rows';
import { heldLockSuffixes, holdLock } from './import-locks';

const LOCK_PREFIX = 'encore-import-staging:';

export function createImportStaging(db: CrmDatabase) {
  const table = db.import_staging;
  const from = (session: string, row: number) =>
    table.where('[session+row]').between([session, row], [session, Dexie.maxKey], true, true);

  async function get(session: string, rows: readonly number[]): Promise<ImportCandidate[]> {
    const found = await table.bulkGet(rows.map((row) => [session, row] as [string, number]));
    return found.map((staged, i) => {
      // Only a cleanup that believed this session dead can have removed them.
      if (!staged)
        throw new Error(
          `Row ${rows[i]} of the checked file is no longer staged. Choose the file again.`,
        );
      return staged.candidate;
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
        await from(session, -Infinity).delete();
        dropped += 1;
      }
      next = await table.where('[session+row]').above([session, Dexie.maxKey]).first();
    }
    return dropped;
  }

  return {
    /** Holds the session's lock until the returned function is called. */
    hold: (session: string) => holdLock(LOCK_PREFIX + session),
    put: (session: string, candidates: readonly ImportCandidate[]) =>
      table.bulkPut(candidates.map((candidate) => ({ session, row: candidate.row, candidate }))),
    get,
    /** Up to `limit` staged candidates from row `fromRow` on, in row order. */
    page: (session: string, fromRow: number, limit: number) =>
      from(session, fromRow)
        .limit(limit)
        .toArray()
        .then((staged) => staged.map((s) => s.candidate)),
    drop: (session: string) => from(session, -Infinity).delete(),
    dropAbandoned,
  };
}

export type ImportStaging = ReturnType<typeof createImportStaging>;
