// The readers' refresh while an import writes (defer-while-importing.ts): one refresh after a
// burst; during a bulk write, one when it ends or once the oldest write waited maxDeferMs; a
// write during a refresh is followed by another refresh, so nothing written is left unread.
import { describe, expect, it } from 'vitest';
import type { DeferClock } from '../../src/renderer/src/services/crm/import/defer-while-importing';
import { DeferredRefresh } from '../../src/renderer/src/services/crm/import/defer-while-importing';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  const clock: DeferClock = {
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
  const settleMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Moves time to `to`, running the timers due on the way (and what they start). */
  const advance = async (to: number) => {
    for (;;) {
      await settleMicrotasks();
      const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.run();
    }
    now = to;
    await settleMicrotasks();
  };
  return { clock, advance };
}

const timing = { quietMs: 100, pollMs: 250, maxDeferMs: 20_000 };

/**
 * A reader over a log of writes: a refresh reads every write logged since the last one (as
 * the search index reads its journal), so the test can tell whether any write stayed unread.
 */
function setup(options: { async?: boolean; refreshMs?: number } = {}) {
  const { clock, advance } = manualClock();
  const log: string[] = [];
  const read: string[] = [];
  let refreshes = 0;
  const bulk = { writing: false };
  const deferred = new DeferredRefresh(
    async () => {
      refreshes += 1;
      const upTo = log.length;
      if (options.refreshMs) await new Promise((resolve) => setTimeout(resolve, options.refreshMs));
      read.push(...log.slice(read.length, upTo));
    },
    options.async ? async () => bulk.writing : () => bulk.writing,
    timing,
    (error) => {
      throw error;
    },
    clock,
  );
  const write = (id: string) => {
    log.push(id);
    deferred.poke();
  };
  return { advance, deferred, write, bulk, read, log, refreshes: () => refreshes };
}

describe('DeferredRefresh', () => {
  it('refreshes once, quietMs after the first write of a burst, when nothing bulk-writes', async () => {
    const { advance, write, read, refreshes } = setup();
    write('a');
    write('b');
    await advance(99);
    expect(refreshes()).toBe(0);
    await advance(100);
    expect(refreshes()).toBe(1);
    expect(read).toEqual(['a', 'b']);
  });

  for (const kind of ['sync', 'async'] as const)
    it(`while a bulk write is in progress (${kind} check), refreshes once at its end, every write read`, async () => {
      const { advance, write, bulk, read, log, refreshes } = setup({ async: kind === 'async' });
      bulk.writing = true;
      // Eight chunks, 2 s apart.
      for (let chunk = 0; chunk < 8; chunk += 1) {
        write(`chunk-${chunk}`);
        await advance((chunk + 1) * 2_000);
      }
      expect(refreshes()).toBe(0);
      bulk.writing = false;
      await advance(16_000 + timing.pollMs);
      expect(refreshes()).toBe(1);
      expect(read).toEqual(log);
      // Nothing waits afterwards: no further refresh.
      await advance(60_000);
      expect(refreshes()).toBe(1);
    });

  it('refreshes at least every maxDeferMs during a long bulk write, losing no write', async () => {
    const { advance, write, bulk, read, log, refreshes, deferred } = setup({ async: true });
    bulk.writing = true;
    for (let second = 0; second < 50; second += 1) {
      write(`s${second}`);
      await advance((second + 1) * 1_000);
    }
    expect(refreshes()).toBeGreaterThanOrEqual(2);
    expect(refreshes()).toBeLessThanOrEqual(3);
    bulk.writing = false;
    await deferred.settle();
    expect(read).toEqual(log);
  });

  it('a write that arrives while a refresh runs is read by one more refresh', async () => {
    const { advance, write, read, log, refreshes } = setup({ refreshMs: 20 });
    write('before');
    await advance(100); // the refresh starts and takes 20 ms of real time
    write('during');
    await new Promise((resolve) => setTimeout(resolve, 40));
    await advance(300);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(refreshes()).toBe(2);
    expect(read).toEqual(log);
  });

  it('settle refreshes what waits at once, even during a bulk write', async () => {
    const { write, bulk, read, deferred } = setup();
    bulk.writing = true;
    write('x');
    await deferred.settle();
    expect(read).toEqual(['x']);
  });

  it('stop drops the waiting refresh', async () => {
    const { advance, write, deferred, refreshes } = setup();
    write('x');
    deferred.stop();
    await advance(1_000);
    expect(refreshes()).toBe(0);
  });
});
