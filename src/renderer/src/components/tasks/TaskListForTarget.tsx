/**
 * The Tasks section of a customer or a deal: add (quick add), complete and reopen. Drop it
 * into a page with `<TaskListForTarget customerId={id} />` or `<TaskListForTarget dealId={id} />`.
 */
import { useMemo } from 'react';
import { groupTasks, systemTimeZone } from '../../domain/tasks/task-groups';
import { useCustomer } from '../../hooks/customers/use-customers';
import { useNow, useTasksFor } from '../../hooks/tasks/use-tasks';
import { TaskQuickAdd } from './TaskQuickAdd';
import { TaskRow } from './TaskRow';

type Props =
  { customerId: string; dealId?: undefined } | { dealId: string; customerId?: undefined };

export function TaskListForTarget(props: Props) {
  const target = props.customerId
    ? { customerId: props.customerId }
    : { dealId: props.dealId ?? '' };
  const tasks = useTasksFor(target);
  // A task added on a customer goes to the customer's owner unless the form is changed.
  const customer = useCustomer(props.customerId ?? '');
  const now = useNow();
  const timeZone = systemTimeZone();
  const { open, closed } = useMemo(() => {
    const groups = groupTasks(tasks ?? [], now, timeZone);
    return {
      open: [...groups.overdue, ...groups.today, ...groups.upcoming, ...groups['no-date']],
      closed: groups.done,
    };
  }, [tasks, now, timeZone]);

  return (
    <section className="section" aria-labelledby="target-tasks-heading">
      <h2 id="target-tasks-heading" className="section-title">
        Tasks
      </h2>
      <TaskQuickAdd
        customerId={props.customerId ?? null}
        dealId={props.dealId ?? null}
        defaultAssignee={customer?.profile.owner_id ?? undefined}
        label="New task title"
      />
      {tasks === undefined ? (
        <p className="field-hint" aria-busy="true">
          Loading…
        </p>
      ) : (
        <>
          {open.length === 0 ? (
            <p className="field-hint">Nothing open.</p>
          ) : (
            <ul className="task-list" aria-label="Open tasks">
              {open.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  now={now}
                  timeZone={timeZone}
                  hideCustomer={Boolean(props.customerId)}
                  hideDeal={Boolean(props.dealId)}
                />
              ))}
            </ul>
          )}
          {closed.length > 0 && (
            <>
              <h3 className="task-subheading">Done</h3>
              <ul className="task-list" aria-label="Done tasks">
                {closed.map((task) => (
                  <TaskRow
                    key={task.id}
                    task={task}
                    now={now}
                    timeZone={timeZone}
                    hideCustomer={Boolean(props.customerId)}
                    hideDeal={Boolean(props.dealId)}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
