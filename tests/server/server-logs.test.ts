import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app';
import type { Database, Sql } from '../../server/src/db';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pushTo, put } from './requests';

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
      const upsert = text.includes('jsonb_to_recordset($2::jsonb) AS v(');
      const sent = upsert
        ? params?.map((param, index) =>
            index === 1 ? String(param).replace('Zebulon', 'Zebulon\\u0000') : param,
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
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
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
      const logged = [...lines, ...spy.mock.calls.flat().map((arg) => JSON.stringify(arg))];
      expect(lines).toHaveLength(1);
      expect(spy).toHaveBeenCalledTimes(1);
      for (const line of logged) {
        expect(line).not.toContain('Zebulon');
        expect(line).not.toContain('Quuxfeather');
        expect(line).not.toContain('Lima');
      }
      expect(lines[0]).toContain(`request=${requestId}`);
      expect(lines[0]).toContain(`workspace=${workspaceId}`);
      expect(lines[0]).toMatch(/sqlstate=22P05/);
    } finally {
      spy.mockRestore();
    }
  });
});
