/**
 * The team journey through the app's sync adapter against the server: an admin invites, a
 * second computer joins with the code and syncs, the admin revokes it, and the revoked
 * computer shows one clear message and stops calling the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/renderer/src/stores/sync/sync-status-store';
import { INITIAL_SYNC_STATUS } from '../../src/renderer/src/stores/sync/sync-status-store';
import { createSyncAdapter } from '../../src/renderer/src/sync/sync-adapter';
import type { TestServer } from '../server/harness';
import { newWorkspace, startTestServer } from '../server/harness';
import { member } from './clients';
import { freshDb } from '../unit/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const URL = 'https://sync.test';

function computer() {
  const db = freshDb();
  let status: SyncStatus = { ...INITIAL_SYNC_STATUS };
  let saved: string | null = null;
  const fetched: string[] = [];
  const adapter = createSyncAdapter({
    db,
    tokens: { get: async () => saved, set: async (token) => void (saved = token) },
    fetch: async (url, init) => {
      fetched.push(url);
      return server.app.request(url, init);
    },
    events: null,
    isOnline: () => true,
    report: (patch) => {
      status = { ...status, ...patch };
    },
  });
  return { db, adapter, status: () => status, fetched };
}

describe('team administration in the app', () => {
  it('admin invites, a second computer joins and syncs, admin revokes it, it says so', async () => {
    const { token } = await newWorkspace(server, 'Night Owl');
    const admin = computer();
    await admin.adapter.saveSettings({ enabled: true, serverUrl: URL }, token);
    await admin.db.team_members.add(member('Shared before Ben joined'));
    await admin.adapter.syncNow();

    const invite = await (await admin.adapter.team()).invite('Ben');
    const ben = computer();
    const joined = await ben.adapter.join(URL, invite.code, 'Ben MacBook');
    expect(joined.member).toMatchObject({ name: 'Ben', role: 'member' });
    expect(joined.workspace.name).toBe('Night Owl');
    // Joining saved the token and synced: the team's data is here.
    expect((await ben.db.team_members.toArray()).map((m) => m.name)).toEqual([
      'Shared before Ben joined',
    ]);
    expect((await (await ben.adapter.team()).team()).me.role).toBe('member');
    await expect((await ben.adapter.team()).devices()).rejects.toMatchObject({ status: 403 });

    const { devices } = await (await admin.adapter.team()).devices();
    const bens = devices.find((device) => device.device_name === 'Ben MacBook');
    expect(bens?.member_name).toBe('Ben');
    await (await admin.adapter.team()).revoke(bens?.id ?? '');

    await ben.adapter.syncNow();
    expect(ben.status().phase).toBe('error');
    expect(ben.status().error?.message).toBe(
      'A workspace admin removed this computer from the workspace.',
    );
    expect(ben.status().nextRetryAt).toBeNull();
    // No loop of errors: later syncs do not call the server with the revoked token.
    const calls = ben.fetched.length;
    await ben.adapter.syncNow();
    await ben.adapter.syncNow();
    expect(ben.fetched.length).toBe(calls);
    expect(ben.status().error?.message).toMatch(/removed this computer/);
    // A new invite lets it back in.
    const again = await (await admin.adapter.team()).invite('Ben');
    await ben.adapter.join(URL, again.code, 'Ben MacBook');
    expect(ben.status().phase).toBe('idle');
    expect(ben.status().error).toBeNull();
  });

  it('a used or wrong code is refused with what to do', async () => {
    const { token } = await newWorkspace(server);
    const admin = computer();
    await admin.adapter.saveSettings({ enabled: true, serverUrl: URL }, token);
    const invite = await (await admin.adapter.team()).invite('Cleo');
    await computer().adapter.join(URL, invite.code, 'First');
    await expect(computer().adapter.join(URL, invite.code, 'Second')).rejects.toThrow(
      /unknown, already used or expired/,
    );
  });
});
