/**
 * The navigation's overdue badge (hooks/tasks/use-tasks.ts `useOverdueCount`). The promises:
 * the count is the open, live tasks due before now (as `isOverdue` says), at any moment, from
 * due times read once (a clock tick reads nothing); and the read takes the tasks in pages of
 * at most `page` rows, one request each, so no single read decodes every task on the window's
 * thread (at 100,000 tasks one read held it for 0.4-2 s every 15 s: docs/reports.md, "A
 * million customers, the window kept responsive").
 */
import { describe, expect, it } from 'vitest';
import { isOverdue } from '../../src/renderer/src/domain/tasks/task-groups';
import type { CrmTask } from '../../src/renderer/src/domain/records';
import {
  countDueBefore,
  countOverdue,
  readOpenDueTimes,
} from '../../src/renderer/src/services/crm/tasks/task-queries';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { capturingDb } from './helpers';

const HOUR = 3_600_000;
const base = Date.UTC(2026, 11, 7, 12);

async function seeded() {
  const db = await capturingDb();
  const tasks = createTaskService(db);
  const statuses = ['open', 'in-progress', 'done', 'cancelled'] as const;
  for (let i = 0; i < 23; i += 1) {
    const created = await tasks.create({
      title: `Task ${i}`,
      // Every few hours from 40 h before `base` on; every fifth has no due time.
      due_at: i % 5 === 4 ? null : new Date(base + (i * 4 - 40) * HOUR).toISOString(),
      status: statuses[i % statuses.length],
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
  }
  // A deleted open task, due long ago: never counted.
  const gone = (await db.crm_tasks.toArray()).find(
    (task) => task.status === 'open' && task.due_at !== null,
  )!;
  await db.crm_tasks.update(gone.id, { deleted: 1 });
  return db;
}

const expected = (rows: CrmTask[], nowMs: number) =>
  rows.filter((task) => task.deleted === 0 && isOverdue(task, new Date(nowMs))).length;

describe('the overdue badge', () => {
  it('counts the live open tasks due before now, at every moment, from one read', async () => {
    const db = await seeded();
    const rows = await db.crm_tasks.toArray();
    const times = await readOpenDueTimes(db);
    let some = 0;
    for (let h = -48; h <= 60; h += 1) {
      const nowMs = base + h * HOUR + 1;
      expect(countDueBefore(times, nowMs)).toBe(expected(rows, nowMs));
      expect(await countOverdue(db, new Date(nowMs))).toBe(expected(rows, nowMs));
      some = Math.max(some, expected(rows, nowMs));
    }
    expect(some).toBeGreaterThan(5);
    // Exactly at a due instant: not overdue yet (isOverdue: strictly before now).
    const first = times[0]!;
    expect(countDueBefore(times, first)).toBe(0);
    expect(countDueBefore(times, first + 1)).toBe(1);
  });

  it('reads the tasks in pages of at most `page` rows, each its own request', async () => {
    const db = await seeded();
    const pages: number[] = [];
    const times = await readOpenDueTimes(db, 5, (rows) => pages.push(rows));
    expect(pages.every((rows) => rows <= 5)).toBe(true);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(23);
    expect(pages.length).toBe(5);
    // The same due times as one read of every task.
    const whole = await readOpenDueTimes(db, 1_000);
    expect([...times]).toEqual([...whole]);
    expect([...times]).toEqual([...times].sort((a, b) => a - b));
  });
});
