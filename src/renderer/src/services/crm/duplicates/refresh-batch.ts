/**
 * When the detection worker is told about writes (duplicates-client.ts). Writes come in bursts
 * (a merge, an import chunk): each burst is collected and sent as one refresh 150 ms after it
 * began. While an import is writing, chunk after chunk, the refresh waits instead: every wake
 * re-reads the customers it touched and competes with the import for the CPU and for
 * IndexedDB (traced at 20,000 rows: 36 s of the duplicates worker's JS). It is sent when the
 * import stops writing, or once the oldest waiting write is `maxDeferMs` old, so the badge is
 * never far behind. Ids are only ever added to the batch waiting; a batch is taken whole.
 */
import { realRefreshClock, type RefreshClock, type RefreshTiming } from '../refresh/refresh-clock';
import type { MutatedCustomers } from './mutated-customers';

export type RefreshBatch = {
  ids: string[];
  emailIds: string[];
  phoneIds: string[];
  everything: boolean;
  dismissals: boolean;
};

/** The batcher's timing and clock: refresh/refresh-clock.ts (shared with DeferredRefresh). */
export type BatchTiming = RefreshTiming;
export type BatchClock = RefreshClock;

export const REFRESH_TIMING: BatchTiming = { quietMs: 150, pollMs: 1_000, maxDeferMs: 20_000 };

export class RefreshBatcher {
  private ids = new Set<string>();
  private emailIds = new Set<string>();
  private phoneIds = new Set<string>();
  private everything = false;
  private dismissals = false;
  /** When the oldest write not yet sent arrived; null when nothing waits. */
  private waitingSince: number | null = null;
  private timer: unknown = null;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (batch: RefreshBatch) => Promise<void>,
    /** Whether an import is writing now (importClient.isWriting, or the bulk-write locks). */
    private readonly importWriting: () => boolean | Promise<boolean>,
    private readonly timing: BatchTiming = REFRESH_TIMING,
    private readonly clock: BatchClock = realRefreshClock,
  ) {}

  add(found: MutatedCustomers): void {
    const rows = found.ids.size + found.emailIds.size + found.phoneIds.size;
    if (rows === 0 && !found.everything && !found.dismissals) return;
    for (const id of found.ids) this.ids.add(id);
    for (const id of found.emailIds) this.emailIds.add(id);
    for (const id of found.phoneIds) this.phoneIds.add(id);
    this.everything ||= found.everything;
    this.dismissals ||= found.dismissals;
    this.waitingSince ??= this.clock.now();
    if (this.timer === null) this.wait(this.timing.quietMs);
  }

  /** Sends what waits now (a read after a merge must be current), then waits for every send. */
  async settle(): Promise<void> {
    if (this.timer !== null) {
      if (this.timer !== 'asking') this.clock.clearTimeout(this.timer);
      this.timer = null;
      this.sendWaiting();
    }
    await this.sending;
  }

  private wait(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.due(), ms);
  }

  private due(): void {
    this.timer = null;
    const writing = this.importWriting();
    if (typeof writing === 'boolean') return this.decide(writing);
    // Asked of the Web Locks (an import in another window, the demo seed): hold the timer
    // slot while the answer comes, so a write meanwhile does not start a second wait.
    this.timer = 'asking';
    void writing.then(
      (answer) => this.answered(answer),
      () => this.answered(false),
    );
  }

  private answered(writing: boolean): void {
    if (this.timer !== 'asking') return; // settled meanwhile: the batch was sent
    this.timer = null;
    this.decide(writing);
  }

  private decide(writing: boolean): void {
    const waited = this.clock.now() - (this.waitingSince ?? this.clock.now());
    if (writing && waited < this.timing.maxDeferMs) this.wait(this.timing.pollMs);
    else this.sendWaiting();
  }

  /** Takes the whole batch and sends it after the previous send (sends never overlap). */
  private sendWaiting(): void {
    const batch: RefreshBatch = {
      ids: [...this.ids],
      emailIds: [...this.emailIds],
      phoneIds: [...this.phoneIds],
      everything: this.everything,
      dismissals: this.dismissals,
    };
    this.ids = new Set();
    this.emailIds = new Set();
    this.phoneIds = new Set();
    this.everything = false;
    this.dismissals = false;
    this.waitingSince = null;
    this.sending = this.sending
      .then(() => this.send(batch))
      .catch((error: unknown) => {
        // The next write's refresh goes on; a failed one is reported, as before this batcher.
        console.error('Duplicate detection refresh failed', error);
      });
  }
}
