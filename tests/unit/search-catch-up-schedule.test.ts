// When the search worker catches up on its own (catch-up-schedule.ts), on a clock moved by
// hand: once a burst of writes pauses, at least every maxDelayMs while they keep coming, and
// while a sync pulls page after page, when it ends or at most burstMaxDelayMs late.
import { describe, expect, it } from 'vitest';
import type { ScheduleClock } from '../../src/renderer/src/services/crm/customers/search/catch-up-schedule';
import { CatchUpSchedule } from '../../src/renderer/src/services/crm/customers/search/catch-up-schedule';

function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  const clock: ScheduleClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      next += 1;
      timers.push({ at: now + ms, run, id: next });
      return next;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
  };
  /** Moves time to `to`, running the timers due on the way. */
  const advance = (to: number) => {
    for (;;) {
      const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.run();
    }
    now = to;
  };
  return { clock, advance, now: () => now };
}

const timing = { quietMs: 100, maxDelayMs: 1_000, burstMaxDelayMs: 15_000, burstLeaseMs: 60_000 };

function setup() {
  const { clock, advance, now } = manualClock();
  const runs: number[] = [];
  const schedule = new CatchUpSchedule(() => runs.push(now()), timing, clock);
  return { schedule, advance, runs };
}

describe('the search catch-up schedule', () => {
  it('catches up once, quietMs after the last write of a burst', () => {
    const { schedule, advance, runs } = setup();
    schedule.changed();
    advance(40);
    schedule.changed();
    advance(90);
    schedule.changed();
    advance(1_000);
    expect(runs).toEqual([190]);
  });

  it('catches up at least every maxDelayMs while writes keep coming', () => {
    const { schedule, advance, runs } = setup();
    for (let at = 0; at <= 2_500; at += 50) {
      advance(at);
      schedule.changed();
    }
    advance(5_000);
    expect(runs).toEqual([1_000, 2_000, 2_600]);
  });

  it('holds writes while a sync burst runs and catches up as soon as it ends', () => {
    const { schedule, advance, runs } = setup();
    schedule.burst(true);
    schedule.changed(); // a page at 0
    advance(4_000);
    schedule.burst(true); // the next page announces again
    schedule.changed();
    advance(8_000);
    expect(runs).toEqual([]);
    schedule.burst(false);
    advance(8_000);
    expect(runs).toEqual([8_000]);
    // After the burst, writes are followed as before.
    schedule.changed();
    advance(9_000);
    expect(runs).toEqual([8_000, 8_100]);
  });

  it('never holds a write longer than burstMaxDelayMs, however long the sync runs', () => {
    const { schedule, advance, runs } = setup();
    schedule.burst(true);
    for (let at = 0; at <= 40_000; at += 2_000) {
      advance(at);
      schedule.burst(true);
      schedule.changed();
    }
    expect(runs).toEqual([15_000, 31_000]);
  });

  it('a burst never ended (its window closed mid-pull) lapses after burstLeaseMs', () => {
    const { schedule, advance, runs } = setup();
    schedule.burst(true);
    advance(59_000);
    expect(schedule.holding()).toBe(true);
    advance(60_000);
    expect(schedule.holding()).toBe(false);
    schedule.changed();
    advance(61_000);
    expect(runs).toEqual([60_100]);
  });

  it('runs nothing once stopped', () => {
    const { schedule, advance, runs } = setup();
    schedule.changed();
    schedule.stop();
    advance(10_000);
    expect(runs).toEqual([]);
  });
});
