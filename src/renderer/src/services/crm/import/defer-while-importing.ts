/**
 * A reader's refresh that stays out of an import's way. The app's other readers (the search
 * index's catch-up, the dashboard's reload) used to wake on every chunk an import or the demo
 * seed committed: traced at 20,000 rows, the search worker spent 20 s and the duplicates worker
 * 36 s of JavaScript beside the import worker's 51 s, on two cores (docs/import.md). Now a
 * write only marks the reader out of date; the refresh runs `quietMs` after the first such
 * write, unless a bulk write is in progress (any window or worker: import-locks.ts), in which
 * case it waits for that write to end, or until the oldest write waiting is `maxDeferMs` old,
 * so the reader is never far behind. The duplicates detector's batcher
 * (services/crm/duplicates/refresh-batch.ts) follows the same rule with ids.
 *
 * Nothing is lost by waiting: the refresh reads everything written since the last one (the
 * search journal, the reports' collected keys), and a write that arrives while a refresh runs
 * marks the reader out of date again, so one more refresh follows.
 */

import { realRefreshClock, type RefreshClock, type RefreshTiming } from '../refresh/refresh-clock';

/** Timing and clock shared with the duplicates batcher: refresh/refresh-clock.ts. */
export type DeferTiming = RefreshTiming;
export type DeferClock = RefreshClock;

/** What a reader waits for at most during an import: the dashboard and search stay near. */
export const IMPORT_DEFER_TIMING: DeferTiming = { quietMs: 0, pollMs: 250, maxDeferMs: 20_000 };

export class DeferredRefresh {
  /** When the oldest write not yet refreshed arrived; null when the reader is current. */
  private waitingSince: number | null = null;
  private timer: unknown = null;
  /** A look at whether a bulk write is in progress is on its way (it is asynchronous). */
  private checking = false;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly refresh: () => Promise<unknown>,
    /** Whether a bulk write is in progress now (bulkWriteInProgress, or a test's flag). */
    private readonly bulkWriting: () => boolean | Promise<boolean>,
    private readonly timing: DeferTiming = IMPORT_DEFER_TIMING,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
    private readonly clock: DeferClock = realRefreshClock,
  ) {}

  /** A write the reader has not seen: refresh soon, or after the bulk write in progress. */
  poke(): void {
    if (this.stopped) return;
    this.waitingSince ??= this.clock.now();
    if (this.timer === null && !this.checking) this.wait(this.timing.quietMs);
  }

  /** Refreshes now if a write waits, then waits for every refresh started. */
  async settle(): Promise<void> {
    if (this.waitingSince !== null) {
      this.clearTimer();
      this.fire();
    }
    await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.waitingSince = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private wait(ms: number): void {
    this.timer = this.clock.setTimeout(() => void this.due(), ms);
  }

  private async due(): Promise<void> {
    this.timer = null;
    this.checking = true;
    let writing: boolean;
    try {
      writing = await this.bulkWriting();
    } catch {
      writing = false; // cannot tell: refresh, as before this rule
    } finally {
      this.checking = false;
    }
    // Settled or stopped meanwhile: nothing waits any more.
    if (this.stopped || this.waitingSince === null) return;
    const waited = this.clock.now() - this.waitingSince;
    if (writing && waited < this.timing.maxDeferMs) this.wait(this.timing.pollMs);
    else this.fire();
  }

  /** Marks the reader current and refreshes after the previous refresh (never overlapping). */
  private fire(): void {
    this.waitingSince = null;
    this.running = this.running
      .then(() => this.refresh())
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      );
  }
}
