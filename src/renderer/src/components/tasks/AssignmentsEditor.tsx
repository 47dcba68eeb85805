import { run } from '../../app/actions/runner';
import { assignTask, setTaskOwner, unassignTask } from './task-actions';
import { useState } from 'react';
import type { AssignmentType, TeamMember } from '../../domain/records';
import { ASSIGNMENT_TYPES } from '../../domain/records';
import { ASSIGNMENT_TYPE_LABELS } from '../../domain/tasks/assignments';
import type { TaskView } from '../../services/crm/tasks/task-queries';

type Props = { task: TaskView; members: TeamMember[] };

/**
 * Who works on the task, and as what. Exactly one owner: making someone else the owner
 * replaces the current one, and the owner has no Remove button.
 */
export function AssignmentsEditor({ task, members }: Props) {
  const assignedIds = new Set(task.people.map((person) => person.member_id));
  const candidates = members.filter((member) => member.active === 1 && !assignedIds.has(member.id));
  const [memberId, setMemberId] = useState('');
  const [type, setType] = useState<AssignmentType>(
    task.people.some((p) => p.assignment_type === 'owner') ? 'collaborator' : 'owner',
  );
  const chosen = candidates.some((member) => member.id === memberId) ? memberId : '';

  async function handleAdd() {
    if (!chosen) return;
    if ((await run(assignTask, { taskId: task.id, memberId: chosen, type }))?.ok) {
      setMemberId('');
      setType('collaborator');
    }
  }

  return (
    <section className="section" aria-labelledby="people-heading">
      <h2 id="people-heading" className="section-title">
        People
      </h2>
      {task.people.length === 0 ? (
        <p className="field-hint">Nobody yet. Give the task an owner.</p>
      ) : (
        <ul className="item-list" aria-label="Assignments">
          {task.people.map((person) => (
            <li key={person.id} className="item">
              <span className="item-main">
                {person.name}
                {!person.active && <span className="item-meta"> (inactive)</span>}
              </span>
              <select
                className="select"
                aria-label={`Role of ${person.name}`}
                value={person.assignment_type}
                onChange={(event) =>
                  void run(assignTask, {
                    taskId: task.id,
                    memberId: person.member_id,
                    type: event.target.value as AssignmentType,
                  })
                }
                disabled={person.assignment_type === 'owner'}
                title={
                  person.assignment_type === 'owner'
                    ? 'Make someone else the owner to change this'
                    : undefined
                }
              >
                {ASSIGNMENT_TYPES.map((option) => (
                  <option key={option} value={option}>
                    {ASSIGNMENT_TYPE_LABELS[option]}
                  </option>
                ))}
              </select>
              <span className="assignment-actions">
                {person.assignment_type !== 'owner' && (
                  <>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() =>
                        void run(setTaskOwner, { taskId: task.id, memberId: person.member_id })
                      }
                    >
                      Make owner
                    </button>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      aria-label={`Remove ${person.name}`}
                      onClick={() => void run(unassignTask, person.id)}
                    >
                      Remove
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <form
          className="add-row"
          onSubmit={(event) => {
            event.preventDefault();
            void handleAdd();
          }}
        >
          <select
            className="select"
            aria-label="Team member"
            value={chosen}
            onChange={(event) => setMemberId(event.target.value)}
          >
            <option value="">Choose someone…</option>
            {candidates.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
          <select
            className="select"
            aria-label="As"
            value={type}
            onChange={(event) => setType(event.target.value as AssignmentType)}
          >
            {ASSIGNMENT_TYPES.map((option) => (
              <option key={option} value={option}>
                {ASSIGNMENT_TYPE_LABELS[option]}
              </option>
            ))}
          </select>
          <button className="btn" type="submit" disabled={!chosen}>
            Assign
          </button>
        </form>
      ) : (
        members.length === 0 && (
          <p className="field-hint">Add team members in Settings to assign tasks.</p>
        )
      )}
    </section>
  );
}
