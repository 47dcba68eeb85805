/**
 * How a rebuild of the search index reads the list rows (docs/search.md, "Writes during the
 * index rebuild"): in chunks sized by time, each chunk its own read transaction, so a write to
 * the customers' tables waits for the chunk in progress, never for the whole read (IndexedDB
 * starts a read-write transaction only after the overlapping reads created before it). As the
 * reports' first read does (docs/reports.md, "The first read in chunks").
 */

/** A chunk aims at `targetMs`, within `least`..`most` rows; the first holds `first`. */
export type RebuildChunks = { targetMs: number; least: number; most: number; first: number };

/**
 * ~50 ms a chunk. Bounded at 2,000 rows (a list row is ~1 KB; the reports' bound for list rows
 * too): a chunk's time includes its wait in IndexedDB's queue, so one slow chunk at the bound
 * sets the longest wait. At a million, load 3.3, 4,000 rows made writes wait 111 ms at most
 * (median 42) and 2,000 rows 69 ms (median 21), the rebuild 39 s against 40 s (docs/search.md).
 * The fixed 10,000-row batches before took seconds each at a million.
 */
export const REBUILD_CHUNKS: RebuildChunks = { targetMs: 50, least: 100, most: 2_000, first: 500 };

/** Fixed chunks of `rows` (tests, and the old `batchSize`). */
export function fixedChunks(rows: number): RebuildChunks {
  const size = Math.max(1, Math.floor(rows));
  return { targetMs: 0, least: size, most: size, first: size };
}

/**
 * The next chunk's rows from the last one: its rows per ms times the aim, at most doubled, within
 * the bounds. A short last chunk (the end of the list) says nothing: the size stays.
 */
export function nextChunkRows(
  plan: RebuildChunks,
  last: { rows: number; limit: number; ms: number },
): number {
  const most = Math.max(1, Math.floor(plan.most));
  const least = Math.min(Math.max(1, Math.floor(plan.least)), most);
  if (plan.targetMs <= 0 || last.rows < last.limit)
    return Math.max(least, Math.min(most, last.limit));
  const fit = Math.round((last.rows * plan.targetMs) / Math.max(last.ms, 1));
  return Math.max(least, Math.min(most, last.limit * 2, fit));
}

/** The first chunk's rows, within the bounds. */
export function firstChunkRows(plan: RebuildChunks): number {
  const most = Math.max(1, Math.floor(plan.most));
  return Math.max(Math.min(Math.max(1, Math.floor(plan.least)), most), Math.min(most, plan.first));
}

export type PaceClock = { now(): number; sleep(ms: number): Promise<void> };

const realClock: PaceClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Lets the user's writes go first while a rebuild reads: told of every write (the journal's
 * last key changed, in any window), `beforeChunk` holds the next chunk until `quietMs` passed
 * without one, at most `mostMs` per chunk, so a burst of writes (a save of several
 * transactions, a pull's pages) does not wait for a chunk each, and a long stream of writes
 * (a first sync) still lets the rebuild go on, one chunk per `mostMs` at least.
 */
export class WritePacer {
  private lastWrite = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly quietMs = 100,
    private readonly mostMs = 500,
    private readonly clock: PaceClock = realClock,
  ) {}

  /** A write was made (committed) somewhere. */
  noteWrite(): void {
    this.lastWrite = this.clock.now();
  }

  /** Resolves once no write came for `quietMs`, or after `mostMs`; always yields once. */
  async beforeChunk(): Promise<void> {
    const started = this.clock.now();
    for (;;) {
      const at = this.clock.now();
      const wait = Math.min(this.quietMs - (at - this.lastWrite), this.mostMs - (at - started));
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    await this.clock.sleep(0);
  }
}
