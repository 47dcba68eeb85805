import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/src/auth';
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

const names = async (token: string) =>
  Object.fromEntries(
    (await pullFrom(server.app, token)).rows.map((row) => [row.row_id, row.data.name]),
  );

describe('a client id belongs to the token that first used it', () => {
  it('another token of the same workspace is refused with client_id_taken; the owner goes on', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const other = (await createToken(server.db, workspaceId, 'Ben')).token;
    const t = Date.now();
    expect(
      (
        await pushTo(server.app, token, 'client-own-0001', 1, [
          put('m1', { name: 'Ana' }, hlcAt(t)),
        ])
      ).status,
    ).toBe(200);
    const stolen = await pushTo(server.app, other, 'client-own-0001', 2, [
      put('m2', { name: 'Intruder' }, hlcAt(t)),
    ]);
    expect(stolen.status).toBe(403);
    expect((stolen.body as unknown as SyncErrorBody).error.code).toBe('client_id_taken');
    const mine = await pushTo(server.app, token, 'client-own-0001', 2, [
      put('m3', { name: 'Cy' }, hlcAt(t)),
    ]);
    expect(mine.body).toMatchObject({ applied_through: 2 });
    expect(await names(token)).toEqual({ m1: 'Ana', m3: 'Cy' });
  });

  it('a client recorded before tokens were bound is bound by its next push', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const other = (await createToken(server.db, workspaceId, 'Ben')).token;
    const t = Date.now();
    await pushTo(server.app, token, 'client-old-0002', 1, [put('m1', { name: 'Ana' }, hlcAt(t))]);
    await server.db.query('UPDATE sync_clients SET token_hash = NULL WHERE workspace_id = $1', [
      workspaceId,
    ]);
    expect(
      (await pushTo(server.app, other, 'client-old-0002', 2, [put('m2', { name: 'B' }, hlcAt(t))]))
        .status,
    ).toBe(200);
    expect(
      (await pushTo(server.app, token, 'client-old-0002', 3, [put('m3', { name: 'C' }, hlcAt(t))]))
        .status,
    ).toBe(403);
  });
});

describe('a sequence number is never reused with other content', () => {
  it('a retry whose content differs is refused (sequence_reused) and stores nothing; an identical one is a duplicate', async () => {
    const { token } = await newWorkspace(server);
    const t = Date.now();
    const batch = [put('m1', { name: 'Ana' }, hlcAt(t)), put('m2', { name: 'Ben' }, hlcAt(t))];
    await pushTo(server.app, token, 'client-seq-0001', 1, batch);
    const changed = await pushTo(server.app, token, 'client-seq-0001', 2, [
      put('m2', { name: 'Bob' }, hlcAt(t + 1)),
      put('m3', { name: 'Cy' }, hlcAt(t)),
    ]);
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({
      error: { code: 'sequence_reused', details: { seq: 2, applied_through: 2 } },
    });
    expect(await names(token)).toEqual({ m1: 'Ana', m2: 'Ben' });
    // The same content with its keys in another order is the same change.
    const reordered = {
      hlc: batch[1]!.hlc,
      fields: batch[1]!.fields,
      op: 'put',
      row_id: 'm2',
      table: 'team_members',
    };
    expect((await pushTo(server.app, token, 'client-seq-0001', 2, [reordered])).body).toMatchObject(
      { applied_through: 2, duplicate: true },
    );
  });

  it('compares across earlier pushes: a retry spanning two applied batches is checked change by change', async () => {
    const { token } = await newWorkspace(server);
    const t = Date.now();
    const changes = ['A', 'B', 'C', 'D'].map((name, i) => put(`m${i}`, { name }, hlcAt(t)));
    await pushTo(server.app, token, 'client-seq-0002', 1, changes.slice(0, 2));
    await pushTo(server.app, token, 'client-seq-0002', 3, changes.slice(2));
    const tampered = [changes[1]!, { ...changes[2]!, fields: { name: 'c' } }, changes[3]!];
    const refused = await pushTo(server.app, token, 'client-seq-0002', 2, [
      ...tampered,
      put('m9', { name: 'New' }, hlcAt(t)),
    ]);
    expect(refused.body).toMatchObject({ error: { code: 'sequence_reused', details: { seq: 3 } } });
    const honest = await pushTo(server.app, token, 'client-seq-0002', 2, [
      ...changes.slice(1),
      put('m9', { name: 'New' }, hlcAt(t)),
    ]);
    expect(honest.body).toMatchObject({ applied_through: 5, duplicate: false });
    expect(await names(token)).toEqual({ m0: 'A', m1: 'B', m2: 'C', m3: 'D', m9: 'New' });
  });
});
