import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncErrorBody } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pullFrom, pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const refusal = (body: unknown) => (body as SyncErrorBody).error;

describe('the server checks each pushed field against the shared schemas', () => {
  it('a NUL in a customer name is refused with 422 naming the change and field; nothing is stored', async () => {
    const { token } = await newWorkspace(server);
    const t = Date.now();
    const answer = await pushTo(server.app, token, 'client-nul-0001', 1, [
      put('m1', { name: 'Ana' }, hlcAt(t)),
      put('c1', { first_name: 'Zed\u0000', last_name: 'Null' }, hlcAt(t), 'customer_profiles'),
    ]);
    expect(answer.status).toBe(422);
    expect(refusal(answer.body)).toMatchObject({
      code: 'invalid_change',
      details: {
        applied_through: 0,
        changes: [{ index: 1, field: 'first_name', code: 'invalid_value' }],
      },
    });
    expect(JSON.stringify(answer.body)).toMatch(/control character \(U\+0000\)/);
    // The value itself is never echoed.
    expect(JSON.stringify(answer.body)).not.toContain('Zed');
    expect((await pullFrom(server.app, token)).rows).toEqual([]);
    // The sequence was not used: the good change alone, with the same number, goes through.
    const retry = await pushTo(server.app, token, 'client-nul-0001', 1, [
      put('m1', { name: 'Ana' }, hlcAt(t)),
    ]);
    expect(retry.body).toMatchObject({ applied_through: 1, duplicate: false });
  });

  it('names every bad change of a batch: unknown table or field, wrong type, value outside its set, malformed', async () => {
    const { token } = await newWorkspace(server);
    const t = Date.now();
    const answer = await pushTo(server.app, token, 'client-bad-0001', 1, [
      put('ok1', { name: 'Fine' }, hlcAt(t)),
      put('x1', { name: 'x' }, hlcAt(t), 'invoices'),
      put('m2', { nickname: 'Bo' }, hlcAt(t)),
      put('m3', { active: 'yes' }, hlcAt(t)),
      put('c1', { lifecycle: 'vip' }, hlcAt(t), 'customer_profiles'),
      { table: 'team_members', row_id: 'm4', op: 'put', fields: { name: 'x' }, hlc: 'yesterday' },
      put('c2', { tags: ['ok', 'bell\u0007'] }, hlcAt(t), 'customer_profiles'),
      put('ok2', { name: 'Tab\tand\r\nlines' }, hlcAt(t)),
    ]);
    expect(answer.status).toBe(422);
    const details = refusal(answer.body).details as {
      changes: { index: number; field: string | null; code: string; reason: string }[];
    };
    expect(details.changes.map(({ index, field, code }) => [index, field, code])).toEqual([
      [1, null, 'unknown_table'],
      [2, 'nickname', 'unknown_field'],
      [3, 'active', 'invalid_value'],
      [4, 'lifecycle', 'invalid_value'],
      [5, null, 'malformed_change'],
      [6, 'tags', 'invalid_value'],
    ]);
    expect(details.changes[5]?.reason).toMatch(/U\+0007.*at 1/);
    expect((await pullFrom(server.app, token)).rows).toEqual([]);
  });

  it('a wrong field shape that PostgreSQL would refuse is a 422, never a 500', async () => {
    const { token } = await newWorkspace(server);
    const answer = await pushTo(server.app, token, 'client-pg-00001', 1, [
      put(
        'c1',
        { email_consent: { opted_in: true, source: 'x\u0000' } },
        hlcAt(Date.now()),
        'customer_profiles',
      ),
    ]);
    expect(answer.status).toBe(422);
  });

  it('what was already applied is not checked again: a retry from before the checks still goes through', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    // Seq 1 was applied by a server that did not check fields yet (no digest kept).
    await server.db.query(
      'INSERT INTO sync_clients (workspace_id, client_id, last_seq) VALUES ($1, $2, 1)',
      [workspaceId, 'client-old-0001'],
    );
    const answer = await pushTo(server.app, token, 'client-old-0001', 1, [
      put('m1', { nickname: 'from an older app' }, hlcAt(t)),
      put('m2', { name: 'Ben' }, hlcAt(t)),
    ]);
    expect(answer.body).toMatchObject({ applied_through: 2, duplicate: false });
    // A bad new change after it is named by its index in this push.
    const bad = await pushTo(server.app, token, 'client-old-0001', 2, [
      put('m2', { name: 'Ben' }, hlcAt(t)),
      put('m3', { name: 7 }, hlcAt(t)),
    ]);
    expect(bad.status).toBe(422);
    expect(refusal(bad.body).details).toMatchObject({
      applied_through: 2,
      changes: [{ index: 1, field: 'name' }],
    });
  });
});
