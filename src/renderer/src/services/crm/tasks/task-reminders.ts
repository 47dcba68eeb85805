/**
 * Which tasks to remind about, once. The memory of what was already announced lives in
 * app_settings (local to this device, not synced): task id -> the due time announced. A task
 * moved to a new due time is announced again at that time; the same due time never twice.
 */
import { readSetting, writeSetting } from '../../../db/app-settings';
import type { CrmDatabase } from '../../../db/database';
import type { CrmTask } from '../../../domain/records';
import { isOpenStatus } from '../../../domain/tasks/task-groups';

type Notified = Record<string, string>;

/** Open tasks whose due time is in (since, now] and that were not announced for that time. */
export function remindersToSend(
  tasks: readonly CrmTask[],
  notified: Notified,
  now: Date,
  since: Date,
): CrmTask[] {
  return tasks.filter((task) => {
    if (task.deleted === 1 || !isOpenStatus(task.status) || !task.due_at) return false;
    const due = new Date(task.due_at).getTime();
    if (Number.isNaN(due) || due > now.getTime() || due <= since.getTime()) return false;
    return notified[task.id] !== task.due_at;
  });
}

export function createTaskReminders(db: CrmDatabase) {
  return {
    /**
     * Claims the reminders due in (since, now]: returns them and records them as announced
     * in the same transaction, so two calls (two effects, a quick re-render) never both get
     * the same task.
     */
    async claimDue(now: Date, since: Date): Promise<CrmTask[]> {
      return db.transaction('rw', ['crm_tasks', 'app_settings'], async () => {
        const tasks = await db.crm_tasks
          .where('due_at')
          .between(since.toISOString(), now.toISOString(), false, true)
          .toArray();
        const notified = { ...(await readSetting(db, 'remindersNotified')) };
        const due = remindersToSend(tasks, notified, now, since);
        if (due.length === 0) return [];
        for (const task of due) notified[task.id] = task.due_at ?? '';
        // Forget entries whose task is gone or long past, so the record stays small.
        const keep = await db.crm_tasks.bulkGet(Object.keys(notified));
        const cutoff = now.getTime() - 30 * 24 * 3600 * 1000;
        for (const task of keep)
          if (task && task.due_at && new Date(task.due_at).getTime() < cutoff)
            delete notified[task.id];
        await writeSetting(db, 'remindersNotified', notified);
        return due;
      });
    },
  };
}
