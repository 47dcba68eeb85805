import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { postgresDatabase } from '../../server/src/db';
import type { PullResponse, PushResponse, SyncChange } from '../../src/shared/sync/protocol';
import { SYNC_LIMITS } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Answer<T> = { status: number; body: T };

async function call<T>(
  app: TestServer['app'],
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const push = (token: string, clientId: string, firstSeq: number, changes: SyncChange[]) =>
  call<PushResponse>(server.app, token, 'POST', '/v1/push', {
    client_id: clientId,
    first_seq: firstSeq,
    changes,
  });

async function pullAll(
  token: string,
  limit = 500,
  app = server.app,
): Promise<PullResponse['changes']> {
  const rows: PullResponse['changes'] = [];
  let cursor = '';
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await call<PullResponse>(app, token, 'GET', `/v1/pull?${query.toString()}`);
    expect(page.status).toBe(200);
    rows.push(...page.body.changes);
    cursor = page.body.cursor;
    if (!page.body.has_more) return rows;
  }
}

const now = () => Date.now();
const put = (
  row_id: string,
  fields: Record<string, unknown>,
  hlc: string,
  table = 'team_members',
): SyncChange => ({
  table,
  row_id,
  op: 'put',
  fields,
  hlc,
});

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
    const { token } = await newWorkspace(server);
    const t = now();
    const first = [put('m1', { name: 'Ana' }, hlcAt(t)), put('m2', { name: 'Ben' }, hlcAt(t))];
    expect((await push(token, 'client-bbbb', 1, first)).body.applied_through).toBe(2);
    const again = await push(token, 'client-bbbb', 1, first);
    expect(again.body).toMatchObject({ applied_through: 2, duplicate: true });
    // Seq 2 again (now saying "Bob", a different value: it must be ignored) and seq 3 new.
    const overlap = await push(token, 'client-bbbb', 2, [
      put('m2', { name: 'Bob' }, hlcAt(t + 5)),
      put('m3', { name: 'Cy' }, hlcAt(t + 5)),
    ]);
    expect(overlap.body).toMatchObject({ applied_through: 3, duplicate: false });
    const gap = await push(token, 'client-bbbb', 9, [put('m4', { name: 'Di' }, hlcAt(t))]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 4 } },
    });
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

  it('accepts a table the server has no migration for yet, in its own workspace', async () => {
    const { token } = await newWorkspace(server);
    await push(token, 'client-hhhh', 1, [
      put('x1', { note: 'hi' }, hlcAt(now()), 'brand_new_things'),
    ]);
    const rows = await pullAll(token);
    expect(rows).toMatchObject([{ table: 'brand_new_things', row_id: 'x1', data: { note: 'hi' } }]);
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
      put('m1', { __proto__x: 1, ['__proto__']: 1 } as never, hlcAt(now())),
    ]);
    expect(poisoned.status).toBe(400);
    const internal = await push(token, 'client-iiii', 1, [
      put('m1', { a: 1 }, hlcAt(now()), 'sync_clients'),
    ]);
    expect(internal.body).toMatchObject({ error: { code: 'unknown_table' } });
    const tooMany = Array.from({ length: SYNC_LIMITS.maxBatch + 1 }, (_, i) =>
      put(`m${i}`, { a: 1 }, hlcAt(now())),
    );
    expect((await push(token, 'client-iiii', 1, tooMany)).status).toBe(400);
    const huge = await push(token, 'client-iiii', 1, [
      put('m1', { blob: 'x'.repeat(SYNC_LIMITS.maxBodyBytes) }, hlcAt(now())),
    ]);
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await call(server.app, token, 'POST', '/v1/push', '{not json')).status).toBe(400);
    expect((await call(server.app, token, 'GET', '/v1/pull?cursor=bogus')).status).toBe(400);
    expect((await call(server.app, token, 'GET', '/v1/pull?limit=99999')).status).toBe(400);
  });
});

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
                  put('hot', { [`f${client}`]: batch }, hlcAt(t + batch, `n${client}`)),
                  put(`own-${client}-${batch}`, { n: batch }, hlcAt(t)),
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
      expect(hot?.data).toEqual(
        Object.fromEntries(Array.from({ length: 6 }, (_, c) => [`f${c}`, 3])),
      );
    } finally {
      if (second !== server.db) await second.close();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'two pushes committing out of order while a third client pulls: the puller skips neither',
    async () => {
      let release!: () => void;
      let reached!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const atVersion = new Promise<void>((resolve) => (reached = resolve));
      const holdFirst = { armed: true };
      const slowDb = postgresDatabase(process.env.DATABASE_URL as string);
      const slowApp = createApp(slowDb, {
        log: () => undefined,
        pushHooks: {
          beforeVersion: async () => {
            if (!holdFirst.armed) return;
            holdFirst.armed = false;
            reached();
            await held;
          },
        },
      });
      try {
        const { token } = await newWorkspace(server);
        const t = now();
        // A starts first and writes its rows, then stalls before taking its version.
        const pushA = call<PushResponse>(slowApp, token, 'POST', '/v1/push', {
          client_id: 'client-A-xxxx',
          first_seq: 1,
          changes: [put('a', { v: 1 }, hlcAt(t))],
        });
        await atVersion;
        // B starts later and commits first.
        const pushB = await push(token, 'client-B-xxxx', 1, [put('b', { v: 1 }, hlcAt(t))]);
        expect(pushB.status).toBe(200);
        // C pulls now: it sees B, not A (A has not committed).
        const first = await call<PullResponse>(server.app, token, 'GET', '/v1/pull');
        expect(first.body.changes.map((row) => row.row_id)).toEqual(['b']);
        release();
        expect((await pushA).status).toBe(200);
        // C pulls from its cursor: A's change comes after it, so it is not skipped.
        const next = await call<PullResponse>(
          server.app,
          token,
          'GET',
          `/v1/pull?cursor=${first.body.cursor}`,
        );
        expect(next.body.changes.map((row) => row.row_id)).toEqual(['a']);
      } finally {
        release();
        await slowDb.close();
      }
    },
  );
});
