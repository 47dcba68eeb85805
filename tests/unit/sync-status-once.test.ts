/**
 * The sync status shows a problem only when there is one. Two syncs asked for at once (a
 * change's debounced sync and a click on Sync now, the interval and the network coming back)
 * used to run side by side: both checked "one sync at a time" before either had started, as
 * each first awaited the saved settings. Both then pushed the same batch. With a change the
 * server refuses, one sync set it aside and the other, finding it gone, showed "Sync problem"
 * (the e2e read "Sync problem · 1 set aside" until the back-off's retry); with two pushes in
 * flight each, a push of one sync lands behind the other's and is told a gap it then
 * "repairs" by renumbering the outbox under the other.
 */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/renderer/src/stores/sync/sync-status-store';
import { createSyncAdapter } from '../../src/renderer/src/sync/sync-adapter';
import type { PushRequest } from '../../src/shared/sync/protocol';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import { freshDb } from './helpers';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A sync server that refuses any change holding a NUL, and keeps the client's numbers. */
function fakeServer() {
  let applied = 0;
  const pushes: PushRequest[] = [];
  let pulls = 0;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    // Every answer after a turn of the event loop, as over a network.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url.includes('/v1/pull')) {
      pulls += 1;
      return json(200, { changes: [], cursor: 'c', has_more: false, server_time: Date.now() });
    }
    const request = JSON.parse(String(init.body)) as PushRequest;
    pushes.push(request);
    if (request.first_seq > applied + 1)
      return json(409, {
        error: {
          code: 'sequence_gap',
          message: 'gap',
          details: { expected_seq: applied + 1 },
        },
      });
    const bad = request.changes.findIndex((change) =>
      JSON.stringify(change.fields ?? {}).includes('\\u0000'),
    );
    if (bad >= 0)
      return json(422, {
        error: {
          code: 'invalid_change',
          message: '1 change(s) of this push do not fit the sync schema',
          details: {
            applied_through: applied,
            changes: [{ index: bad, field: 'first_name', code: 'control', reason: 'NUL' }],
          },
        },
      });
    applied = Math.max(applied, request.first_seq + request.changes.length - 1);
    return json(200, {
      applied_through: applied,
      version: applied,
      duplicate: false,
      server_time: Date.now(),
    });
  };
  return { fetch, pushes, pulls: () => pulls };
}

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 500 && !(await check()); tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await check()).toBe(true);
}

const change = (id: string, first_name: string) => ({
  table: 'customer_profiles',
  row_id: id,
  op: 'put' as const,
  value: { id, first_name, last_name: 'Test', deleted: 0 },
  changed_fields: null,
  tx_id: id,
  captured_at: new Date().toISOString(),
  hlc: `${String(Date.now()).padStart(15, '0')}-000000-oldapp`,
});

/** Web Locks as the browser gives them: one holder per name, the others wait their turn. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request: (<T>(name: string, run: () => Promise<T>): Promise<T> => {
      const before = tails.get(name) ?? Promise.resolve();
      const mine = before.then(run, run);
      tails.set(
        name,
        mine.catch(() => undefined),
      );
      return mine;
    }) as unknown as LockManager['request'],
  };
}

describe('two syncs asked for at once', () => {
  it('run one after the other: a change set aside shows no sync problem', async () => {
    const db = freshDb();
    const server = fakeServer();
    const reported: Partial<SyncStatus>[] = [];
    let token: string | null = null;
    const adapter = createSyncAdapter({
      db,
      tokens: { get: async () => token, set: async (next) => void (token = next) },
      fetch: server.fetch,
      events: null,
      isOnline: () => true,
      // Started (a sync asked for while one runs follows it), with no timer firing here.
      debounceMs: 3_600_000,
      intervalMs: 3_600_000,
      report: (patch) => reported.push(patch),
    });
    adapter.start();
    await waitFor(() => reported.some((patch) => patch.phase === 'off'));
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, 'enc_token');
    expect(server.pulls()).toBe(1);
    // A customer whose name holds a NUL, queued as an older app without the guard did, and
    // a good change after it.
    await db.sync_outbox.bulkAdd([change('zoe', 'Zoe\u0000'), change('ines', 'Inès')]);
    reported.length = 0;

    await Promise.all([adapter.syncNow(), adapter.syncNow()]);
    // The second asks for one more sync after the first, which finds nothing left to push.
    await waitFor(() => server.pulls() === 3);
    await waitFor(() => reported.at(-1)?.phase === 'idle');

    expect(reported.filter((patch) => patch.phase === 'error')).toEqual([]);
    expect(await db.sync_quarantine.count()).toBe(1);
    expect(await db.sync_outbox.count()).toBe(0);
    // Zoe's push once (refused), then Inès alone: no push was sent twice side by side.
    expect(server.pushes.map((push) => push.changes.length)).toEqual([2, 1]);
    adapter.stop();
  });

  it('in two windows on one database (web preview tabs): one after the other too', async () => {
    const db = freshDb();
    const server = fakeServer();
    const reported: Partial<SyncStatus>[] = [];
    const locks = fakeLocks();
    const window = (database: CrmDatabase) =>
      createSyncAdapter({
        db: database,
        tokens: { get: async () => 'enc_token', set: async () => undefined },
        fetch: server.fetch,
        events: null,
        isOnline: () => true,
        locks,
        report: (patch) => reported.push(patch),
      });
    const first = window(db);
    const second = window(new CrmDatabase(db.name));
    await first.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, 'enc_token');
    await db.sync_outbox.bulkAdd([change('zoe', 'Zoe\u0000'), change('ines', 'Inès')]);
    reported.length = 0;

    await Promise.all([first.syncNow(), second.syncNow()]);

    expect(reported.filter((patch) => patch.phase === 'error')).toEqual([]);
    expect(await db.sync_quarantine.count()).toBe(1);
    expect(await db.sync_outbox.count()).toBe(0);
    expect(server.pushes.map((push) => push.changes.length)).toEqual([2, 1]);
  });
});
