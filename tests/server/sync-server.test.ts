import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { createToken } from '../../server/src/auth';
import { postgresDatabase } from '../../server/src/db';
import { PRODUCT_TABLES } from '../../server/src/tables';
import type { PullResponse, PushResponse, SyncChange } from '../../src/shared/sync/protocol';
import { SYNC_LIMITS } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { call, pullFrom, pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const push = (token: string, clientId: string, firstSeq: number, changes: SyncChange[]) =>
  pushTo(server.app, token, clientId, firstSeq, changes);

async function pullAll(
  token: string,
  limit = 500,
  app = server.app,
): Promise<PullResponse['changes']> {
  return (await pullFrom(app, token, '', limit)).rows;
}

const now = () => Date.now();

describe('sync server: push and pull', () => {
  it('stores pushed rows and serves them back, and the SQL view shows customers', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = now();
    const answer = await push(token, 'client-aaaa', 1, [
      put(
        'c1',
        {
          first_name: 'Ana',
          last_name: 'Lima',
          tags: ['vip'],
          lifecycle: 'lead',
          deleted: 0,
          owner_id: null,
        },
        hlcAt(t),
        'customer_profiles',
      ),
      put(
        'e1',
        { customer_id: 'c1', address: 'ana@x.io', is_primary: 1, deleted: 0 },
        hlcAt(t),
        'customer_emails',
      ),
      put(
        'p1',
        { customer_id: 'c1', e164: '+4915112345678', is_primary: 1, deleted: 0 },
        hlcAt(t),
        'customer_phones',
      ),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ applied_through: 3, duplicate: false });
    const rows = await pullAll(token);
    expect(rows.map((row) => [row.table, row.row_id]).sort()).toEqual([
      ['customer_emails', 'e1'],
      ['customer_phones', 'p1'],
      ['customer_profiles', 'c1'],
    ]);
    const view = await server.db.query<Record<string, unknown>>(
      'SELECT display_name, primary_email, primary_phone, tags, lifecycle FROM customers_crm_v WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(view).toEqual([
      {
        display_name: 'Ana Lima',
        primary_email: 'ana@x.io',
        primary_phone: '+4915112345678',
        tags: ['vip'],
        lifecycle: 'lead',
      },
    ]);
  });

  it('a retried batch is harmless, an overlapping one applies only its new changes, a gap is refused', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const version = async () =>
      Number(
        (
          await server.db.query<{ version: number | string }>(
            'SELECT version FROM workspaces WHERE id = $1',
            [workspaceId],
          )
        )[0]?.version,
      );
    const t = now();
    const first = [put('m1', { name: 'Ana' }, hlcAt(t)), put('m2', { name: 'Ben' }, hlcAt(t))];
    expect((await push(token, 'client-bbbb', 1, first)).body).toMatchObject({
      applied_through: 2,
      version: 1,
    });
    // A retry takes no version (the version is taken with the client row only for new changes).
    const again = await push(token, 'client-bbbb', 1, first);
    expect(again.body).toMatchObject({ applied_through: 2, duplicate: true, version: 1 });
    // Seq 2 again (the same change) and seq 3 new: only seq 3 is applied.
    const overlap = await push(token, 'client-bbbb', 2, [
      put('m2', { name: 'Ben' }, hlcAt(t)),
      put('m3', { name: 'Cy' }, hlcAt(t + 5)),
    ]);
    expect(overlap.body).toMatchObject({ applied_through: 3, duplicate: false, version: 2 });
    const gap = await push(token, 'client-bbbb', 9, [put('m4', { name: 'Di' }, hlcAt(t))]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 4 } },
    });
    // Refused pushes give their version back (rolled back with them): a gap, a bad change, a
    // client id of another token.
    const bad = await push(token, 'client-bbbb', 4, [put('m4', { nickname: 'Di' }, hlcAt(t))]);
    expect(bad.status).toBe(422);
    const other = (await createToken(server.db, workspaceId, 'Ben')).token;
    const taken = await push(other, 'client-bbbb', 4, [put('m4', { name: 'Di' }, hlcAt(t))]);
    expect(taken.status).toBe(403);
    expect(await version()).toBe(2);
    const names = Object.fromEntries(
      (await pullAll(token)).map((row) => [row.row_id, row.data.name]),
    );
    expect(names).toEqual({ m1: 'Ana', m2: 'Ben', m3: 'Cy' });
  });

  it('merges field by field: the later clock wins each field, node id breaks ties, a delete is a field', async () => {
    const { token } = await newWorkspace(server);
    const t = now();
    await push(token, 'client-cccc', 1, [
      put('m1', { name: 'Ana', email: 'a@x.io', active: 1 }, hlcAt(t, 'a')),
    ]);
    await push(token, 'client-dddd', 1, [
      put('m1', { name: 'Ana Lima' }, hlcAt(t + 10, 'b')),
      put('m1', { email: 'old@x.io' }, hlcAt(t - 10, 'b')), // older than the create: loses
      put('m1', { active: 0 }, hlcAt(t, 'b')), // same instant, node "b" > "a": wins
    ]);
    await push(token, 'client-cccc', 2, [
      { table: 'team_members', row_id: 'm1', op: 'delete', fields: null, hlc: hlcAt(t + 20, 'a') },
    ]);
    const [row] = await pullAll(token);
    expect(row?.data).toEqual({ name: 'Ana Lima', email: 'a@x.io', active: 0, deleted: 1 });
    expect(row?.clocks.deleted).toBe(hlcAt(t + 20, 'a'));
  });

  it('refuses a change stamped hours ahead of the server clock, and says what to do', async () => {
    const { token } = await newWorkspace(server);
    const ahead = await push(token, 'client-eeee', 1, [
      put('m1', { name: 'Ana' }, hlcAt(now() + 3 * 3600_000)),
    ]);
    expect(ahead.status).toBe(422);
    expect(ahead.body).toMatchObject({ error: { code: 'clock_drift' } });
    expect(JSON.stringify(ahead.body)).toMatch(/ahead of the server.*Set the correct time/);
    // Nothing was stored and the sequence was not consumed.
    expect(await pullAll(token)).toEqual([]);
    const behind = await push(token, 'client-eeee', 1, [
      put('m1', { name: 'Ana' }, hlcAt(now() - 3 * 3600_000)),
    ]);
    expect(behind.status).toBe(200);
  });

  it('a token of one workspace reads and writes nothing of another', async () => {
    const a = await newWorkspace(server, 'A');
    const b = await newWorkspace(server, 'B');
    const t = now();
    await push(a.token, 'client-ffff', 1, [put('shared-id', { name: 'In A' }, hlcAt(t))]);
    // B writes the same row id, newer: it must land in B only.
    await push(b.token, 'client-ffff', 1, [put('shared-id', { name: 'In B' }, hlcAt(t + 1000))]);
    expect((await pullAll(a.token)).map((row) => row.data.name)).toEqual(['In A']);
    expect((await pullAll(b.token)).map((row) => row.data.name)).toEqual(['In B']);
    // A's cursor means nothing to B's data: pulling B with a cursor from A shows only B.
    const me = await call<{ workspace: { name: string } }>(server.app, b.token, 'GET', '/v1/me');
    expect(me.body.workspace.name).toBe('B');
  });

  it('pages a large pull without skipping or repeating rows, with a total on request', async () => {
    const { token } = await newWorkspace(server);
    const t = now();
    const changes = Array.from({ length: 25 }, (_, i) =>
      put(`m${String(i).padStart(2, '0')}`, { name: `N${i}` }, hlcAt(t)),
    );
    await push(token, 'client-gggg', 1, changes.slice(0, 10));
    await push(token, 'client-gggg', 11, changes.slice(10));
    const first = await call<PullResponse>(server.app, token, 'GET', '/v1/pull?limit=10&count=1');
    expect(first.body.total).toBe(25);
    const rows = await pullAll(token, 10);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((row) => row.row_id)).size).toBe(25);
  });
});

describe('sync server: schema', () => {
  it('every synced table of the shared list has its SQL table', async () => {
    for (const table of PRODUCT_TABLES) {
      const [row] = await server.db.query<{ found: string | null }>(
        'SELECT to_regclass($1)::text AS found',
        [table],
      );
      expect(row?.found).toBe(table);
    }
  });
});

describe('sync server: refusals with clear errors', () => {
  it('401 without a valid token, 400 for a malformed body or cursor, 413 for a huge body', async () => {
    const { token } = await newWorkspace(server);
    expect((await call(server.app, 'not-a-token-at-all', 'GET', '/v1/pull')).status).toBe(401);
    const bad = await call<{ error: { code: string; details: { path: string }[] } }>(
      server.app,
      token,
      'POST',
      '/v1/push',
      { client_id: 'x', first_seq: 0, changes: [] },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_body');
    expect(bad.body.error.details.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['client_id', 'first_seq', 'changes']),
    );
    const poisoned = await push(token, 'client-iiii', 1, [
      put('m1', { name: 'x', ['__proto__']: 1 } as never, hlcAt(now())),
    ]);
    expect(poisoned.status).toBe(400);
    const internal = await push(token, 'client-iiii', 1, [
      put('m1', { name: 'x' }, hlcAt(now()), 'sync_clients'),
    ]);
    expect(internal.status).toBe(422);
    expect(internal.body).toMatchObject({
      error: {
        code: 'invalid_change',
        details: { changes: [{ index: 0, code: 'unknown_table' }] },
      },
    });
    const tooMany = Array.from({ length: SYNC_LIMITS.maxBatch + 1 }, (_, i) =>
      put(`m${i}`, { name: 'x' }, hlcAt(now())),
    );
    expect((await push(token, 'client-iiii', 1, tooMany)).status).toBe(400);
    const huge = await push(token, 'client-iiii', 1, [
      put('m1', { name: 'x'.repeat(SYNC_LIMITS.maxBodyBytes) }, hlcAt(now())),
    ]);
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await call(server.app, token, 'POST', '/v1/push', '{not json')).status).toBe(400);
    expect((await call(server.app, token, 'GET', '/v1/pull?cursor=bogus')).status).toBe(400);
    expect((await call(server.app, token, 'GET', '/v1/pull?limit=99999')).status).toBe(400);
  });
});

/** Six text fields of one deal: six clients each write their own, concurrently. */
const HOT_FIELDS = ['title', 'event_name', 'venue', 'notes', 'currency', 'last_activity_at'];

describe('sync server: concurrency', () => {
  it('several server processes on one database lose no change', async () => {
    const url = process.env.DATABASE_URL;
    const second = url ? postgresDatabase(url) : server.db;
    const apps = [server.app, createApp(second, { log: () => undefined })];
    try {
      const { token } = await newWorkspace(server);
      const t = now();
      // 6 clients, each pushing 4 batches to alternating processes, all touching row "hot".
      await Promise.all(
        Array.from({ length: 6 }, async (_, client) => {
          for (let batch = 0; batch < 4; batch += 1) {
            const answer = await call<PushResponse>(
              apps[(client + batch) % 2]!,
              token,
              'POST',
              '/v1/push',
              {
                client_id: `client-${client}-xxxx`,
                first_seq: batch * 2 + 1,
                changes: [
                  put(
                    'hot',
                    { [HOT_FIELDS[client] as string]: `v${batch}` },
                    hlcAt(t + batch, `n${client}`),
                    'event_deals',
                  ),
                  put(`own-${client}-${batch}`, { name: `N${batch}` }, hlcAt(t)),
                ],
              },
            );
            expect(answer.status).toBe(200);
          }
        }),
      );
      const rows = await pullAll(token, 7, apps[1]);
      expect(rows).toHaveLength(1 + 6 * 4);
      const hot = rows.find((row) => row.row_id === 'hot');
      expect(hot?.data).toEqual(Object.fromEntries(HOT_FIELDS.map((field) => [field, 'v3'])));
    } finally {
      if (second !== server.db) await second.close();
    }
  });
});
