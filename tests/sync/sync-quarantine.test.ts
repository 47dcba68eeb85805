/**
 * "Sync must never stall on one bad change": a change the server refuses for its content is
 * set aside with its customer and reason; the rest of the queue and the pull go on; the
 * push sequence stays consecutive; Retry and Discard do what they say.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClock } from '../../src/renderer/src/db/change-capture-middleware';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { discardQuarantined, retryQuarantined } from '../../src/renderer/src/sync/quarantine';
import type { SyncTransport } from '../../src/renderer/src/sync/transport';
import { SyncOfflineError, SyncServerError } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { draft, emailDraft } from '../unit/helpers';
import { sampleRow } from '../unit/synced-samples';
import { laptop, member, writeAsOldVersion } from './clients';
import type { Laptop } from './clients';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Refusal = { code: string; first: number; count: number };

/**
 * The server's error codes a transport saw (a consecutive sequence never needs repairing),
 * and with `refusals` each refused push's first sequence and size.
 */
function watching(inner: SyncTransport, codes: string[], refusals: Refusal[] = []): SyncTransport {
  return async (request) => {
    try {
      return await inner(request);
    } catch (error) {
      if (error instanceof SyncServerError) {
        codes.push(error.code);
        const body = request.body as { first_seq: number; changes: unknown[] };
        refusals.push({ code: error.code, first: body.first_seq, count: body.changes.length });
      }
      throw error;
    }
  };
}

/**
 * The refusals other than a bad change, leaving out a gap answered to the push sent right
 * behind a refused one (two pushes in flight: push.ts): the server stored nothing of that
 * push, and the client sends it again without repairing any number.
 */
function beyondBadChanges(refusals: readonly Refusal[]): Refusal[] {
  return refusals.filter(
    (seen, at) =>
      seen.code !== 'invalid_change' &&
      !(
        seen.code === 'sequence_gap' &&
        refusals
          .slice(0, at)
          .some((bad) => bad.code === 'invalid_change' && bad.first + bad.count === seen.first)
      ),
  );
}

async function customer(side: Laptop, first: string, address: string): Promise<string> {
  const made = await createCustomerService(side.db).create(
    draft({ first_name: first, last_name: 'Lima', emails: [emailDraft(address, true)] }),
    'DE',
  );
  if (!made.ok) throw new Error('setup failed');
  return made.value;
}

/** A profile with a NUL in its first name, queued as an app without the guard queued it. */
async function oldNulProfile(side: Laptop, first = 'Zoe\u0000'): Promise<string> {
  const row = {
    ...sampleRow('customer_profiles', {} as never),
    first_name: first,
    last_name: 'Null',
  };
  await writeAsOldVersion(side.db, 'customer_profiles', row, localClock(side.db.name).tick());
  return row.id;
}

const serverIds = async (workspaceId: string, table: string) =>
  (
    await server.db.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id`,
      [workspaceId],
    )
  ).map((row) => row.id);

describe('a change the server refuses for its content is set aside', () => {
  it('a NUL from an old import: the rest of the queue and the pull go on; the numbers stay consecutive', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const codes: string[] = [];
    const a = laptop(server, token, watching(appTransport(server, token), codes));
    const b = laptop(server, token);
    const ana = await customer(a, 'Ana', 'ana@example.com');
    const zoe = await oldNulProfile(a);
    const ben = await customer(a, 'Ben', 'ben@example.com');
    await b.db.team_members.add(member('Cy from B'));
    await b.sync();

    const result = await a.sync();
    expect(result.setAside).toBe(1);
    expect(await a.db.sync_outbox.count()).toBe(0);
    const [record] = await a.db.sync_quarantine.toArray();
    expect(record).toMatchObject({
      table: 'customer_profiles',
      row_id: zoe,
      customer_id: zoe,
      problems: [{ field: 'first_name', code: 'invalid_value' }],
    });
    expect(record?.problems[0]?.reason).toMatch(/control character \(U\+0000\)/);
    // Everything else reached the server, and the team's change reached this laptop.
    expect(await serverIds(workspaceId, 'customer_profiles')).toEqual([ana, ben].sort());
    expect((await a.db.team_members.toArray()).map((m) => m.name)).toEqual(['Cy from B']);
    // The local customer is untouched, and the next change goes out without any repair.
    expect((await a.db.customer_profiles.get(zoe))?.first_name).toBe('Zoe\u0000');
    await a.db.team_members.add(member('Dee'));
    expect((await a.sync()).pushed).toBe(1);
    expect(codes).toEqual(['invalid_change']);
  });

  it('child rows are shown with their customer: an email with its customer, an assignment with its task’s', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const ana = await customer(a, 'Ana', 'ana@example.com');
    const task = { ...sampleRow('crm_tasks', { customer: ana } as never) };
    await a.db.crm_tasks.add(task);
    const email = sampleRow('customer_emails', { customer: ana } as never);
    await writeAsOldVersion(
      a.db,
      'customer_emails',
      { ...email, label: 'work\u0007' },
      localClock(a.db.name).tick(),
    );
    const assignment = sampleRow('crm_task_assignments', { task: task.id } as never);
    await writeAsOldVersion(
      a.db,
      'crm_task_assignments',
      { ...assignment, member_id: 'm\u0002' },
      localClock(a.db.name).tick(),
    );
    await a.sync();
    const records = await a.db.sync_quarantine.toArray();
    expect(records.map((r) => [r.table, r.customer_id, r.problems[0]?.field])).toEqual([
      ['customer_emails', ana, 'label'],
      ['crm_task_assignments', ana, 'member_id'],
    ]);
  });

  it('Retry sends the row as it is now (a fix included); refused while still invalid; Discard drops it', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const a = laptop(server, token);
    const b = laptop(server, token);
    const zoe = await oldNulProfile(a);
    const other = await oldNulProfile(a, 'Xan\u0001');
    await a.sync();
    const [first, second] = await a.db.sync_quarantine.toArray();

    const early = await retryQuarantined(a.db, first?.id as number);
    expect(early).toMatchObject({ status: 'still-invalid', problems: [{ field: 'first_name' }] });
    expect(await a.db.sync_quarantine.count()).toBe(2);

    // The user corrects the name: that edit syncs; Retry then sends the rest of the row.
    await a.db.customer_profiles.update(zoe, { first_name: 'Zoe' });
    await a.sync();
    expect(await retryQuarantined(a.db, first?.id as number)).toEqual({ status: 'queued' });
    await a.sync();
    await b.sync();
    expect(await b.db.customer_profiles.get(zoe)).toMatchObject({
      first_name: 'Zoe',
      last_name: 'Null',
      lifecycle: 'lead',
      deleted: 0,
    });
    expect((await b.db.customers_crm_v.get(zoe))?.display_name).toBe('Zoe Null');

    await discardQuarantined(a.db, second?.id as number);
    expect(await a.db.sync_quarantine.count()).toBe(0);
    expect(await a.db.customer_profiles.get(other)).toBeDefined();
    await a.sync();
    expect(await serverIds(workspaceId, 'customer_profiles')).toEqual([zoe]);
  });

  it('a set-aside field is not overwritten by an older remote value; the refused field takes the team’s', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const b = laptop(server, token);
    const ana = await customer(a, 'Ana', 'ana@example.com');
    await a.sync();
    await b.sync();
    await b.db.customer_profiles.update(ana, { last_name: 'From B' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Later on A, by an old version of the app: a whole-row save with a bad note.
    const row = (await a.db.customer_profiles.get(ana))!;
    await writeAsOldVersion(
      a.db,
      'customer_profiles',
      { ...row, last_name: 'From A', notes: 'bell\u0007' },
      localClock(a.db.name).tick(),
    );
    await b.sync();
    const result = await a.sync();
    expect(result.rejected).toEqual([]);
    expect(await a.db.customer_profiles.get(ana)).toMatchObject({ last_name: 'From A', notes: '' });
    // Retried, the later edit wins everywhere.
    const [record] = await a.db.sync_quarantine.toArray();
    expect(await retryQuarantined(a.db, record?.id as number)).toEqual({ status: 'queued' });
    await a.sync();
    await b.sync();
    expect((await b.db.customer_profiles.get(ana))?.last_name).toBe('From A');
  });

  it('whatever the batch size, the bad entries’ places and a lost answer, the good changes all arrive without a sequence repair', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (bad, batchSize, loseFirstAnswer) => {
          const { token, workspaceId } = await newWorkspace(server);
          const codes: string[] = [];
          const refusals: Refusal[] = [];
          let lost = !loseFirstAnswer;
          const inner = appTransport(server, token);
          const transport: SyncTransport = async (request) => {
            const answer = await inner(request);
            if (!lost && request.method === 'POST') {
              lost = true;
              throw new SyncOfflineError('answer lost after the server committed');
            }
            return answer;
          };
          const a = laptop(server, token, watching(transport, codes, refusals));
          const good: string[] = [];
          for (const isBad of bad) {
            const m = member(isBad ? 'Bad\u0001' : 'Good');
            if (isBad)
              await writeAsOldVersion(a.db, 'team_members', m, localClock(a.db.name).tick());
            else {
              await a.db.team_members.add(m);
              good.push(m.id);
            }
          }
          // Syncs until one goes through (the lost answer fails one of them, whichever).
          const syncThrough = async () => {
            for (;;) {
              const error = await a.sync({ batchSize }).then(
                () => null,
                (caught: unknown) => caught,
              );
              if (!error) return;
              if (!(error instanceof SyncOfflineError)) throw error;
            }
          };
          await syncThrough();
          const later = member('Later');
          await a.db.team_members.add(later);
          await syncThrough();
          expect(await a.db.sync_outbox.count()).toBe(0);
          expect(await a.db.sync_quarantine.count()).toBe(bad.filter(Boolean).length);
          expect(await serverIds(workspaceId, 'team_members')).toEqual([...good, later.id].sort());
          expect(beyondBadChanges(refusals)).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a single change larger than a push may carry is set aside; the others go', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const ana = await customer(a, 'Ana', 'ana@example.com');
    await a.db.customer_profiles.update(ana, { notes: 'x'.repeat(4.5 * 1024 * 1024) });
    await a.db.team_members.add(member('Small'));
    const result = await a.sync({ batchSize: 4 });
    expect(result.setAside).toBe(1);
    const [record] = await a.db.sync_quarantine.toArray();
    expect(record).toMatchObject({ customer_id: ana, problems: [{ code: 'too_large' }] });
    expect(await a.db.sync_outbox.count()).toBe(0);
  });
});

describe('timestamps for the set-aside list', () => {
  it('records when each change was set aside', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const before = nowIso();
    await oldNulProfile(a);
    await a.sync();
    const [record] = await a.db.sync_quarantine.toArray();
    expect(record!.quarantined_at >= before).toBe(true);
    expect(newId()).not.toBe(record!.row_id);
  });
});
