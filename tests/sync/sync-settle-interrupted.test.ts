/**
 * The conflict groups a pull touched are settled once it has every page (resolve.ts,
 * settleConflicts): a row a partial view dropped comes back. A pull interrupted between
 * pages must not lose them: its pages and cursor are kept, the next pull starts after them
 * and may never touch those groups again. The groups are kept with each page until a pull
 * completes (keepTouched), as arrived fixes are (sync-arrived-interrupted.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { readResolvedConflicts } from '../../src/renderer/src/sync/resolved-log';
import { SyncOfflineError } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { intercept, laptop, member } from './clients';
import { draft } from '../unit/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function rolesOf(db: CrmDatabase, taskId: string, memberId: string): Promise<string[]> {
  const rows = await db.crm_task_assignments.where('task_id').equals(taskId).toArray();
  return rows
    .filter((row) => row.member_id === memberId && row.deleted === 0)
    .map((row) => row.assignment_type);
}

describe('a pull interrupted between pages', () => {
  it('settles the conflict groups its pages touched when a later pull completes', async () => {
    const { token } = await newWorkspace(server);
    // 'all': every pull fails; 'marker': the pull fails at the page that brings `marker`.
    let cut: 'all' | 'marker' | null = null;
    let marker = '';
    const offline = () => Promise.reject(new SyncOfflineError('The sync server cannot be reached'));
    const q = laptop(
      server,
      token,
      intercept(appTransport(server, token), (request) => {
        if (!cut || request.method !== 'GET' || !request.path.startsWith('/v1/pull'))
          return undefined;
        if (cut === 'all') return offline();
        return appTransport(
          server,
          token,
        )(request).then((answer) =>
          (answer as PullResponse).changes.some((row) => row.row_id === marker)
            ? offline()
            : answer,
        );
      }),
    );
    const p = laptop(server, token);
    const r = laptop(server, token);
    const ana = member('Ana');
    const ben = member('Ben');
    await p.db.team_members.bulkAdd([ana, ben]);
    const made = await createTaskService(p.db).create({ title: 'Advance', owner_id: ana.id });
    if (!made.ok) throw new Error(made.error);
    const task = made.value;
    await p.sync();
    await q.sync();
    await p.sync();

    // Q gives Ben a watcher role (W); P, not knowing it, a collaborator role (B); Q then
    // makes W the owner, offline. P sees W (a watcher still) and B: the later B stays, W goes.
    expect((await createTaskService(q.db).assign(task, ben.id, 'watcher')).ok).toBe(true);
    await q.sync();
    expect((await createTaskService(p.db).assign(task, ben.id, 'collaborator')).ok).toBe(true);
    expect((await createTaskService(q.db).setOwner(task, ben.id)).ok).toBe(true);
    await p.sync();
    await p.sync();
    expect((await readResolvedConflicts(p.db)).map((entry) => entry.rule)).toEqual([
      'one-role-per-member',
    ]);

    // Q pushes the promotion, but its pull fails: the promotion is on the server before
    // anything below.
    cut = 'all';
    await expect(q.sync()).rejects.toBeInstanceOf(SyncOfflineError);
    // A customer from a third laptop comes after every row of the task on the server.
    const other = await createCustomerService(r.db).create(
      draft({ first_name: 'Marker', last_name: 'Row' }),
      'DE',
    );
    if (!other.ok) throw new Error(other.error.message);
    marker = other.value;
    await r.sync();

    // Q's pull brings B and P's fix, page by page, and stops before the marker's page. From
    // these partial views Q dropped B (W, the owner, came later) and took P's fix of W: Ben
    // holds no role, and the task no owner, until the whole view is settled.
    cut = 'marker';
    await expect(q.sync({ pageSize: 1 })).rejects.toBeInstanceOf(SyncOfflineError);
    expect(await rolesOf(q.db, task, ben.id)).toEqual([]);

    // The next pull brings only the marker; complete, it settles the task: Ben's owner row
    // (the later promotion outranks B) comes back, as on a laptop that pulled it all at once.
    cut = null;
    await q.sync({ pageSize: 1 });
    expect(await rolesOf(q.db, task, ben.id)).toEqual(['owner']);
    expect((await readResolvedConflicts(q.db)).map((entry) => entry.rule)).toContain('restored');
    expect(await q.db.sync_state.get('pull_touched_groups')).toBeUndefined();
  }, 120_000);
});
