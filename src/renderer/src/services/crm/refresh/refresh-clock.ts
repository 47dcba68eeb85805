/**
 * The timing and clock shared by the readers that wait for a burst of writes or a bulk write
 * before they refresh (the duplicates batcher, `DeferredRefresh` for search and reports): one
 * shape, so fake-clock tests drive them all the same way.
 */

export type RefreshTiming = {
  /** After the first write of a burst, before the refresh (the rest of the burst joins it). */
  quietMs: number;
  /** While a bulk write is in progress: how often to look whether it ended. */
  pollMs: number;
  /** While a bulk write is in progress: refresh at least this often. */
  maxDeferMs: number;
};

export type RefreshClock = {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realRefreshClock: RefreshClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
