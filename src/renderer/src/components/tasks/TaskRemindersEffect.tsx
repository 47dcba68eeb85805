import { useEffect } from 'react';
import { afterFirstScreen } from '../../app/first-screen';
import { formatDue } from '../../domain/tasks/due-label';
import { systemTimeZone } from '../../domain/tasks/task-groups';
import { getPlatform } from '../../platform';
import { crm } from '../../services/registry';

/** How often due times are checked: a reminder arrives at most this late. */
const CHECK_EVERY_MS = 10_000;
/** More tasks than this coming due together make one summary notification, not a burst. */
const MAX_SEPARATE = 3;

/**
 * Raises one desktop notification when a task reaches its due time while the app runs.
 * Tasks that were already due when the app started are not announced (the overdue badge
 * shows them); what was announced is remembered per due time, so a restart, a second
 * check or a re-render never repeats one.
 */
export function TaskRemindersEffect() {
  useEffect(() => {
    const startedAt = new Date();
    let stopped = false;
    async function check() {
      try {
        const due = await crm().tasks.reminders.claimDue(new Date(), startedAt);
        if (stopped || due.length === 0) return;
        const zone = systemTimeZone();
        const now = new Date();
        const notes =
          due.length > MAX_SEPARATE
            ? [
                {
                  title: `${due.length} tasks are due`,
                  body: due
                    .map((task) => task.title)
                    .join(' · ')
                    .slice(0, 1000),
                },
              ]
            : due.map((task) => ({
                title: task.title.slice(0, 200),
                body: `Due ${task.due_at ? formatDue(task.due_at, now, zone) : 'now'}`,
              }));
        for (const note of notes) await getPlatform().notify(note);
      } catch (error) {
        // A reminder that cannot be shown must not break the app; the list still shows it.
        console.warn('Task reminder failed', error);
      }
    }
    let timer: ReturnType<typeof setInterval> | undefined;
    // Not before the first screen: the check reads the tasks while the list reads its rows.
    void afterFirstScreen().then(() => {
      if (stopped) return;
      timer = setInterval(() => void check(), CHECK_EVERY_MS);
      void check();
    });
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return null;
}
