/**
 * The dashboard's charts are drawn after the tables, one per task (chart-slices.ts): turns
 * only while the tables are in, each in a task of its own, the next only once the previous
 * chart has committed.
 */
import { describe, expect, it } from 'vitest';
import { createTurnQueue } from '../../src/renderer/src/components/reports/chart-slices';

function harness() {
  const tasks: (() => void)[] = [];
  const queue = createTurnQueue((run) => tasks.push(run));
  const granted: string[] = [];
  const runTasks = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  return { queue, granted, tasks, runTasks };
}

describe('chart turns', () => {
  it('are given only once the tables are in, one per task, the next after the previous ends', () => {
    const { queue, granted, tasks, runTasks } = harness();
    const turns = ['a', 'b', 'c'].map((name) => queue.ask(() => granted.push(name)));
    runTasks();
    expect(granted).toEqual([]);
    queue.setOpen(true);
    // One task scheduled, one turn in it.
    expect(tasks).toHaveLength(1);
    runTasks();
    expect(granted).toEqual(['a']);
    // 'a' has not committed: nothing more, however many tasks run or figures ask.
    const d = queue.ask(() => granted.push('d'));
    runTasks();
    expect(granted).toEqual(['a']);
    turns[0]!.end();
    expect(granted).toEqual(['a']); // not in the same task as the commit
    runTasks();
    expect(granted).toEqual(['a', 'b']);
    turns[1]!.end();
    runTasks();
    expect(granted).toEqual(['a', 'b', 'c']);
    turns[2]!.end();
    runTasks();
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    d.end();
  });

  it('skips a figure that left before its turn, and goes on when one leaves during it', () => {
    const { queue, granted, runTasks } = harness();
    queue.setOpen(true);
    const a = queue.ask(() => granted.push('a'));
    const b = queue.ask(() => granted.push('b'));
    queue.ask(() => granted.push('c'));
    runTasks();
    b.end();
    a.end(); // unmounted before it committed: still ends its turn
    runTasks();
    expect(granted).toEqual(['a', 'c']);
  });

  it('gives no turn while the page is away', () => {
    const { queue, granted, runTasks } = harness();
    queue.setOpen(true);
    queue.setOpen(false);
    queue.ask(() => granted.push('a'));
    runTasks();
    expect(granted).toEqual([]);
    queue.setOpen(true);
    runTasks();
    expect(granted).toEqual(['a']);
  });
});
