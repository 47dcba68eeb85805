/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so a change
 * made after seeing another always sorts after it even when the two machines' clocks
 * disagree. Encoded as a fixed-width string, `<ms:15>-<counter:6>-<node>`, so clocks compare
 * with plain string comparison, in the server's SQL as well as here, and the node id breaks
 * ties between two changes stamped in the same millisecond on different machines.
 */

export type Hlc = { ms: number; counter: number; node: string };

const MS_WIDTH = 15;
const COUNTER_WIDTH = 6;
const MAX_COUNTER = 999_999;
export const HLC_PATTERN = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,64})$/;

export function formatHlc(clock: Hlc): string {
  return `${String(clock.ms).padStart(MS_WIDTH, '0')}-${String(clock.counter).padStart(COUNTER_WIDTH, '0')}-${clock.node}`;
}

export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3] as string };
}

/** Physical time of an encoded clock, or NaN when it is not one. */
export function hlcMillis(text: string): number {
  return parseHlc(text)?.ms ?? Number.NaN;
}

/** The later of two encoded clocks (either may be undefined). */
export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * One clock per replica. `tick()` stamps a local change; `observe()` takes in a clock seen on
 * a remote change so that the next local change sorts after it.
 */
export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(node)) throw new Error(`Invalid HLC node id: ${node}`);
  }

  tick(): string {
    const wall = this.now();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else if (this.counter >= MAX_COUNTER) {
      this.ms += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  /** Advances past a clock seen elsewhere. Returns false (and ignores it) when unparsable. */
  observe(text: string): boolean {
    const remote = parseHlc(text);
    if (!remote) return false;
    if (remote.ms > this.ms || (remote.ms === this.ms && remote.counter > this.counter)) {
      this.ms = remote.ms;
      this.counter = remote.counter;
    }
    return true;
  }

  /** The last clock handed out or observed (for persisting across restarts). */
  last(): string {
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }
}
