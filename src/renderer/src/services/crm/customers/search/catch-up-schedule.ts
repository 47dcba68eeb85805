/**
 * When the search worker catches up with the journal on its own (search-runtime.ts). A query
 * always catches up first (search-host.ts), so this decides only how soon the index follows
 * writes nobody searched for yet; every catch-up is a read transaction on the list rows that a
 * writer's next transaction waits behind.
 * - Writes come in bursts (a bulk edit, an import chunk): one catch-up `quietMs` after the
 *   last write of a burst, and at least every `maxDelayMs` while writes keep coming.
 * - While a sync pulls page after page (sync/sync-burst.ts), it waits for the pull to end,
 *   `quietMs` after the end, or at most `burstMaxDelayMs` after the oldest write waiting: the
 *   index is never further behind than that. A burst not announced again within
 *   `burstLeaseMs` is over (its window closed mid-pull).
 */

export type CatchUpTiming = {
  quietMs: number;
  maxDelayMs: number;
  burstMaxDelayMs: number;
  burstLeaseMs: number;
};

export const CATCH_UP_TIMING: CatchUpTiming = {
  quietMs: 100,
  maxDelayMs: 1_000,
  burstMaxDelayMs: 15_000,
  burstLeaseMs: 60_000,
};

export type ScheduleClock = {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

const realClock: ScheduleClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CatchUpSchedule {
  /** When the oldest write not caught up with arrived; null when nothing waits. */
  private waitingSince: number | null = null;
  /** When the sync burst lapses unless announced again; null when none runs. */
  private burstUntil: number | null = null;
  private timer: unknown = null;

  constructor(
    private readonly run: () => void,
    private readonly timing: CatchUpTiming = CATCH_UP_TIMING,
    private readonly clock: ScheduleClock = realClock,
  ) {}

  /** The journal changed. */
  changed(): void {
    this.waitingSince ??= this.clock.now();
    this.arm();
  }

  /** A sync burst was announced (again at each page) or ended. */
  burst(active: boolean): void {
    this.burstUntil = active ? this.clock.now() + this.timing.burstLeaseMs : null;
    if (this.waitingSince !== null) this.arm();
  }

  /** Whether the schedule holds writes for a sync burst now. */
  holding(): boolean {
    return this.burstUntil !== null && this.clock.now() < this.burstUntil;
  }

  stop(): void {
    this.cancel();
    this.waitingSince = null;
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.cancel();
    const since = this.waitingSince;
    if (since === null) return;
    const now = this.clock.now();
    const holding = this.holding();
    const deadline = since + (holding ? this.timing.burstMaxDelayMs : this.timing.maxDelayMs);
    // While holding, wake when the burst lapses too (no end announced), to run at once then.
    const lapse = holding ? (this.burstUntil ?? deadline) : now + this.timing.quietMs;
    const at = Math.min(deadline, lapse);
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, at - now));
  }

  private fire(): void {
    this.timer = null;
    this.waitingSince = null;
    this.run();
  }
}
