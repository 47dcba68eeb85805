// The detection client's refresh batching: one refresh per burst of writes; while an import
// writes, one when it stops (or once the oldest write waited maxDeferMs); no touched id lost.
import { describe, expect, it } from 'vitest';
import type { MutatedCustomers } from '../../src/renderer/src/services/crm/duplicates/mutated-customers';
import type {
  BatchClock,
  RefreshBatch,
} from '../../src/renderer/src/services/crm/duplicates/refresh-batch';
import { RefreshBatcher } from '../../src/renderer/src/services/crm/duplicates/refresh-batch';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  const clock: BatchClock = {
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
  const advance = async (to: number) => {
    for (;;) {
      const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.run();
      await Promise.resolve();
    }
    now = to;
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { clock, advance };
}

const touched = (ids: string[], emailIds: string[] = []): MutatedCustomers => ({
  ids: new Set(ids),
  emailIds: new Set(emailIds),
  phoneIds: new Set(),
  everything: false,
  dismissals: false,
});

const timing = { quietMs: 150, pollMs: 1_000, maxDeferMs: 20_000 };

function setup(importWriting: { now: boolean }) {
  const sent: RefreshBatch[] = [];
  const { clock, advance } = manualClock();
  const batcher = new RefreshBatcher(
    async (batch) => {
      sent.push(batch);
    },
    () => importWriting.now,
    timing,
    clock,
  );
  return { sent, advance, batcher };
}

describe('RefreshBatcher', () => {
  it('sends a burst of writes as one refresh after quietMs', async () => {
    const { sent, advance, batcher } = setup({ now: false });
    batcher.add(touched(['a']));
    batcher.add(touched(['b'], ['e1']));
    await advance(149);
    expect(sent).toHaveLength(0);
    await advance(150);
    expect(sent).toEqual([
      { ids: ['a', 'b'], emailIds: ['e1'], phoneIds: [], everything: false, dismissals: false },
    ]);
  });

  it('while an import writes, waits for its end and sends every touched id once', async () => {
    const importWriting = { now: true };
    const { sent, advance, batcher } = setup(importWriting);
    // Four chunks, 3 s apart, each touching its own customers.
    for (let chunk = 0; chunk < 4; chunk += 1) {
      batcher.add(touched([`c${chunk}-1`, `c${chunk}-2`]));
      await advance(chunk * 3_000 + 3_000);
    }
    expect(sent).toHaveLength(0);
    importWriting.now = false;
    await advance(13_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.ids.sort()).toEqual(
      ['c0-1', 'c0-2', 'c1-1', 'c1-2', 'c2-1', 'c2-2', 'c3-1', 'c3-2'].sort(),
    );
  });

  it('refreshes at least every maxDeferMs during a long import, losing no id', async () => {
    const { sent, advance, batcher } = setup({ now: true });
    const all: string[] = [];
    for (let second = 0; second < 50; second += 1) {
      batcher.add(touched([`s${second}`]));
      all.push(`s${second}`);
      await advance((second + 1) * 1_000);
    }
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(3);
    await batcher.settle();
    const seen = sent.flatMap((batch) => batch.ids);
    expect(seen.sort()).toEqual(all.sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('settle sends what waits at once', async () => {
    const { sent, batcher } = setup({ now: true });
    batcher.add(touched(['merged-away']));
    await batcher.settle();
    expect(sent.map((batch) => batch.ids)).toEqual([['merged-away']]);
  });

  it('ignores a write that touched no customer', async () => {
    const { sent, advance, batcher } = setup({ now: false });
    batcher.add(touched([]));
    await advance(1_000);
    expect(sent).toHaveLength(0);
  });
});
