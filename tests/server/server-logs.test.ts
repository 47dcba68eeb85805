import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app';
import type { Database, Sql } from '../../server/src/db';
import { jsonbParam } from '../../server/src/db';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { call, pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const NAME = 'Zebulon Quuxfeather';

/**
 * The database as it failed before pushes were checked: the row upsert receives a NUL inside
 * its JSON and PostgreSQL refuses it, with the row's text in the error's context and params.
 */
function failingOnNul(db: Database, seen: unknown[]): Database {
  const poisoned = (tx: Sql): Sql => ({
    exec: (text) => tx.exec(text),
    async query(text, params) {
      // The rows' JSON parameter of the push statement (one per table), wherever it sits.
      const upsert = text.includes('jsonb_to_recordset(');
      // It is sent as bytes (binary jsonb, server/src/db.ts jsonbParam).
      const sent = upsert
        ? params?.map((param) =>
            Buffer.isBuffer(param) && param.includes('Zebulon')
              ? jsonbParam(param.subarray(1).toString().replace('Zebulon', 'Zebulon\\u0000'))
              : param,
          )
        : params;
      try {
        return await tx.query(text, sent);
      } catch (error) {
        seen.push(error);
        throw error;
      }
    },
  });
  return { ...db, transaction: (work) => db.transaction((tx) => work(poisoned(tx))) };
}

describe('server logs hold codes and ids, never customer data', () => {
  it('a database error carrying a customer name is logged without it (500, request id)', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const raw: unknown[] = [];
    const lines: string[] = [];
    const app = createApp(failingOnNul(server.db, raw), { log: (line) => lines.push(line) });
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const silentDefault = createApp(failingOnNul(server.db, raw));
    try {
      const change = put(
        'c1',
        { first_name: NAME, last_name: 'Lima' },
        hlcAt(Date.now()),
        'customer_profiles',
      );
      const answer = await pushTo(app, token, 'client-log-0001', 1, [change]);
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({ error: { code: 'internal' } });
      const requestId = (answer.body as unknown as { error: { details: { request_id: string } } })
        .error.details.request_id;
      expect((await pushTo(silentDefault, token, 'client-log-0001', 1, [change])).status).toBe(500);

      // The error itself quotes the name (this is what used to be logged)...
      expect(raw.length).toBeGreaterThan(0);
      expect(JSON.stringify(raw[0])).toContain('Zebulon');
      // ...the log lines, ours and the default console one, do not.
      const logged = [...lines, ...spy.mock.calls.flat().map((arg) => String(arg))];
      // One failure line and one request line, from ours and from the default (stdout).
      expect(lines).toHaveLength(2);
      expect(spy).toHaveBeenCalledTimes(2);
      for (const line of logged) {
        expect(line).not.toContain('Zebulon');
        expect(line).not.toContain('Quuxfeather');
        expect(line).not.toContain('Lima');
      }
      const failure = JSON.parse(lines[0] as string) as Record<string, unknown>;
      expect(failure).toMatchObject({
        level: 'error',
        msg: 'unexpected error',
        request_id: requestId,
        workspace: workspaceId,
        sqlstate: '22P05',
        route: '/v1/push',
      });
      expect(JSON.parse(lines[1] as string)).toMatchObject({
        msg: 'request',
        route: '/v1/push',
        status: 500,
      });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('one JSON log line per request: method, route, status, ms, workspace', () => {
  it('names the route and workspace, never the token, the body, the cursor or a made-up path', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const lines: string[] = [];
    const app = createApp(server.db, { log: (line) => lines.push(line) });
    const change = put(
      'c1',
      { first_name: NAME, last_name: 'Lima' },
      hlcAt(Date.now()),
      'customer_profiles',
    );
    expect((await pushTo(app, token, 'client-log-0002', 1, [change])).status).toBe(200);
    const page = await call<{ cursor: string }>(app, token, 'GET', '/v1/pull?limit=1');
    await call(app, token, 'GET', `/v1/pull?cursor=${page.body.cursor}`);
    await call(app, token, 'GET', `/v1/${NAME.replace(' ', '-')}`);
    await call(app, 'enc_not-a-real-token-0000', 'GET', '/v1/me');
    await app.request('/healthz');

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => [entry.method, entry.route, entry.status])).toEqual([
      ['POST', '/v1/push', 200],
      ['GET', '/v1/pull', 200],
      ['GET', '/v1/pull', 200],
      ['GET', 'unmatched', 404],
      ['GET', '/v1/me', 401],
      ['GET', '/healthz', 200],
    ]);
    for (const entry of entries.slice(0, 4)) expect(entry.workspace).toBe(workspaceId);
    for (const entry of entries) {
      expect(entry).toMatchObject({ level: 'info', msg: 'request' });
      expect(typeof entry.ms).toBe('number');
      expect(typeof entry.time).toBe('string');
    }
    const all = lines.join('\n');
    for (const secret of ['Zebulon', 'Quuxfeather', 'Lima', token, page.body.cursor, 'not-a-real'])
      expect(all).not.toContain(secret);
  });

  it('LOG_LEVEL=warn leaves request lines out', async () => {
    const { token } = await newWorkspace(server);
    const lines: string[] = [];
    const app = createApp(server.db, { log: (line) => lines.push(line), logLevel: 'warn' });
    await call(app, token, 'GET', '/v1/me');
    expect(lines).toEqual([]);
  });
});
