/**
 * What a sync does when the server or the way to it fails: the pull goes on after a failed
 * push, transient failures stay queued for a retry, a client id or sequence taken by
 * another copy is left for a new identity, pulled rows are checked against the schemas, and
 * a change made after seeing another sorts after it even within one millisecond.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHlc } from '../../src/shared/sync/hlc';
import { useTimeSource } from '../../src/renderer/src/db/change-capture-middleware';
import { describeSyncError } from '../../src/renderer/src/sync/describe-error';
import {
  SyncOfflineError,
  SyncServerError,
  readResponse,
} from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { createToken } from '../../server/src/auth';
import { intercept, laptop, member } from './clients';
import { completeInitialUpload } from '../../src/renderer/src/sync/initial-upload';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const HOUR = 3600_000;

describe('a failed push does not stop the pull', () => {
  const failures: [string, () => Promise<unknown>][] = [
    [
      'the server fails (500)',
      () => Promise.reject(new SyncServerError(500, 'internal', 'The sync server failed')),
    ],
    [
      'a proxy says too many requests (429)',
      () => readResponse(new Response('slow down', { status: 429 })),
    ],
    ['a proxy says unavailable (503)', () => readResponse(new Response('', { status: 503 }))],
  ];
  for (const [name, failure] of failures) {
    it(`${name}: the team's changes still arrive; ours stay queued for a retry with backoff`, async () => {
      const { token } = await newWorkspace(server);
      const b = laptop(server, token);
      await b.db.team_members.add(member('From B'));
      await b.sync();
      const a = laptop(
        server,
        token,
        intercept(appTransport(server, token), (request) =>
          request.method === 'POST' ? failure() : undefined,
        ),
      );
      await a.db.team_members.add(member('From A'));
      const error = await a.sync().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SyncServerError);
      expect(describeSyncError(error).retry).toBe(true);
      expect((await a.db.team_members.toArray()).map((m) => m.name).sort()).toEqual([
        'From A',
        'From B',
      ]);
      expect(await a.db.sync_outbox.count()).toBe(1);
      expect(await a.db.sync_quarantine.count()).toBe(0);
    });
  }

  it('offline: nothing more is tried', async () => {
    const { token } = await newWorkspace(server);
    const asked: string[] = [];
    const a = laptop(server, token, async (request) => {
      asked.push(request.method);
      throw new SyncOfflineError('The sync server cannot be reached');
    });
    await a.db.team_members.add(member('From A'));
    await expect(a.sync()).rejects.toBeInstanceOf(SyncOfflineError);
    expect(asked).toEqual(['POST']);
  });
});

describe('a client id or sequence another copy holds', () => {
  it('a copy of this database used with another token takes a new client id and goes on', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const a = laptop(server, token);
    await a.db.team_members.add(member('Ana'));
    await a.sync();
    const other = (await createToken(server.db, workspaceId, 'Ben')).token;
    const copy = laptop(server, other);
    await copy.db.sync_state.bulkPut(await a.db.sync_state.toArray());
    await copy.db.team_members.add(member('Ben'));
    await copy.sync();
    expect(await copy.db.sync_outbox.count()).toBe(0);
    expect((await copy.db.sync_state.get('client_id'))?.value).not.toBe(
      (await a.db.sync_state.get('client_id'))?.value,
    );
  });

  it('a copy with the same token, reusing numbers the server holds, takes a new client id and goes on', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    await a.db.team_members.add(member('Ana'));
    await a.sync();
    const copy = laptop(server, token);
    await copy.db.sync_state.put((await a.db.sync_state.get('client_id'))!);
    await copy.db.team_members.add(member('Not Ana'));
    await copy.sync();
    expect(await copy.db.sync_outbox.count()).toBe(0);
    await a.sync();
    expect((await a.db.team_members.toArray()).map((m) => m.name).sort()).toEqual([
      'Ana',
      'Not Ana',
    ]);
  });

  it('a clock ahead, fixed: what the server already applied is confirmed, not stamped again', async () => {
    const { token } = await newWorkspace(server);
    const codes: string[] = [];
    let loseNext = true;
    const inner = appTransport(server, token);
    const a = laptop(server, token, async (request) => {
      try {
        const answer = await inner(request);
        if (request.method === 'POST' && loseNext) {
          loseNext = false;
          throw new SyncOfflineError('answer lost after the server committed');
        }
        return answer;
      } catch (error) {
        if (error instanceof SyncServerError) codes.push(error.code);
        throw error;
      }
    });
    await a.db.team_members.add(member('Applied, answer lost'));
    await a.sync().catch(() => undefined);
    a.setClockOffset(3 * HOUR);
    await a.db.team_members.add(member('From the future'));
    await expect(a.sync()).rejects.toMatchObject({ code: 'clock_drift' });
    a.setClockOffset(0);
    await a.sync();
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(codes).toEqual(['clock_drift', 'clock_drift']);
  });
});

describe('pulled rows are checked against the shared schemas', () => {
  it('a row with a field of the wrong type is refused and reported; a field this app does not know is left out', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const insert = async (id: string, data: Record<string, unknown>, version: number) => {
      await server.db.query(
        `INSERT INTO team_members (workspace_key, id, data, clocks, version)
         SELECT key, $2, $3::jsonb, '{}'::jsonb, $4 FROM workspaces WHERE id = $1`,
        [workspaceId, id, JSON.stringify(data), version],
      );
    };
    const good = member('Newer app');
    const { id: _id, ...fields } = good;
    await insert(good.id, { ...fields, nickname: 'Nu' }, 1);
    await insert('bad-row', { ...fields, name: 42 }, 2);
    await server.db.query('UPDATE workspaces SET version = 2 WHERE id = $1', [workspaceId]);
    const b = laptop(server, token);
    const result = await b.sync();
    expect(result.rejected).toEqual([
      { table: 'team_members', row_id: 'bad-row', reason: expect.stringMatching(/^name: /) },
    ]);
    expect(await b.db.team_members.get(good.id)).toEqual(good);
  });
});

describe('hybrid logical clock across laptops', () => {
  it('a change made after seeing another sorts after it, within the same millisecond', async () => {
    const { token } = await newWorkspace(server);
    const a = laptop(server, token);
    const b = laptop(server, token);
    const instant = Date.now();
    useTimeSource(a.db.name, () => instant);
    useTimeSource(b.db.name, () => instant);
    await completeInitialUpload(a.db); // a syncing laptop: its changes are queued as made
    const m = member('First');
    await a.db.team_members.add(m);
    for (let i = 0; i < 10; i += 1) await a.db.team_members.update(m.id, { name: `Edit ${i}` });
    const seen = (await a.db.sync_outbox.toArray()).at(-1)!.hlc;
    await a.sync();
    await b.sync();
    await b.db.team_members.update(m.id, { name: 'After seeing it' });
    const mine = (await b.db.sync_outbox.toArray())[0]!.hlc;
    expect(parseHlc(mine)?.ms).toBe(parseHlc(seen)?.ms);
    expect(mine > seen).toBe(true);
    await b.sync();
    await a.sync();
    expect((await a.db.team_members.get(m.id))?.name).toBe('After seeing it');
  });
});
