import { describe, expect, it } from 'vitest';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { acknowledge, nextBatch } from '../../src/renderer/src/sync/outbox';
import { claimKey } from '../../src/renderer/src/sync/resolve';
import { capturingDb } from './helpers';

describe('claims of our own confirmed changes', () => {
  it('are kept once the server confirms them, so the conflict rules still know them', async () => {
    const db = await capturingDb();
    const team = createTeamService(db);
    const ana = await team.add('Ana');
    if (!ana.ok) throw new Error(ana.error);
    const task = await createTaskService(db).create({
      title: 'Advance the show',
      owner_id: ana.value,
    });
    if (!task.ok) throw new Error(task.error);
    const [assignment] = await db.crm_task_assignments.toArray();
    const queued = (await db.sync_outbox.toArray()).filter(
      (entry) => entry.table === 'crm_task_assignments',
    );
    const claim = queued
      .map((entry) => entry.hlc)
      .sort()
      .at(-1);

    const batch = await nextBatch(db, 100);
    if (!batch) throw new Error('nothing to push');
    const numbered = await db.sync_outbox.bulkGet(batch.seqs);
    const through = Math.max(...numbered.map((entry) => entry?.push_seq ?? 0));
    await acknowledge(db, batch.seqs, through);

    expect(await db.sync_outbox.count()).toBe(0);
    const saved = await db.sync_state.get(claimKey('crm_task_assignments', assignment!.id));
    // Kept field by field (conflict-rules.ts TRACKED_FIELDS): a fix's clock on one field must
    // not hide the person's clocks of the others.
    expect(saved?.value).toEqual(
      Object.fromEntries(
        ['task_id', 'member_id', 'assignment_type', 'deleted', 'updated_at'].map((field) => [
          field,
          claim,
        ]),
      ),
    );
  });
});
