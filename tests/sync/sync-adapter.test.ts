import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/renderer/src/stores/sync/sync-status-store';
import { INITIAL_SYNC_STATUS } from '../../src/renderer/src/stores/sync/sync-status-store';
import { createSyncAdapter } from '../../src/renderer/src/sync/sync-adapter';
import type { TestServer } from '../server/harness';
import { createToken } from '../../server/src/auth';
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

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function setup(options: {
  token: string;
  fetchFails?: () => boolean;
  fetched?: string[];
  online?: () => boolean;
  events?: EventTarget;
}) {
  const db = freshDb();
  let status: SyncStatus = { ...INITIAL_SYNC_STATUS };
  let saved: string | null = null;
  const adapter = createSyncAdapter({
    db,
    tokens: { get: async () => saved, set: async (token) => void (saved = token) },
    fetch: async (url, init) => {
      options.fetched?.push(url);
      if (options.fetchFails?.()) throw new TypeError('Failed to fetch');
      return server.app.request(url, init);
    },
    debounceMs: 30,
    intervalMs: 60_000,
    random: () => 0.5,
    events: (options.events as Window | undefined) ?? null,
    isOnline: options.online ?? (() => true),
    report: (patch) => {
      status = { ...status, ...patch };
    },
  });
  return { db, adapter, status: () => status };
}

describe('sync adapter', () => {
  it('is off until configured, then syncs on start and soon after each local change', async () => {
    const { token } = await newWorkspace(server);
    const { db, adapter, status } = setup({ token });
    adapter.start();
    await waitFor(() => status().phase === 'off');
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test/' }, token);
    await waitFor(() => status().phase === 'idle' && status().lastSyncedAt !== null);
    await db.team_members.add(member('Ana'));
    await waitFor(() => status().pending === 1);
    await waitFor(async () => status().phase === 'idle' && (await db.sync_outbox.count()) === 0);
    const rows = await server.db.query(
      'SELECT t.id FROM team_members t JOIN workspaces w ON w.key = t.workspace_key JOIN api_tokens k ON k.workspace_id = w.id WHERE k.member_name = $1',
      ['Ana'],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(status().pending).toBe(0);
    adapter.stop();
  });

  it('unreachable server: offline status with a retry scheduled, and the change kept', async () => {
    const { token } = await newWorkspace(server);
    let down = true;
    const { db, adapter, status } = setup({ token, fetchFails: () => down });
    await db.team_members.add(member('Ben'));
    adapter.start();
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, token);
    await waitFor(() => status().phase === 'offline');
    expect(status().nextRetryAt).toBeGreaterThan(Date.now());
    expect(status().error?.action).toMatch(/kept on this computer/);
    expect(await db.sync_outbox.count()).toBe(1);
    down = false;
    await adapter.syncNow();
    expect(status().phase).toBe('idle');
    expect(await db.sync_outbox.count()).toBe(0);
    adapter.stop();
  });

  it('going offline shows at once; coming back online syncs right away', async () => {
    const { token } = await newWorkspace(server);
    const events = new EventTarget();
    let online = true;
    const { db, adapter, status } = setup({ token, events, online: () => online });
    adapter.start();
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, token);
    expect(status().phase).toBe('idle');
    online = false;
    events.dispatchEvent(new Event('offline'));
    expect(status().phase).toBe('offline');
    await db.team_members.add(member('Cy'));
    await waitFor(() => status().pending === 1);
    online = true;
    events.dispatchEvent(new Event('online'));
    await waitFor(async () => status().phase === 'idle' && (await db.sync_outbox.count()) === 0);
    adapter.stop();
  });

  it('no network at all: offline without trying; a refused token: an error that says what to do, no retry loop', async () => {
    const offline = setup({ token: 'x', online: () => false });
    await offline.adapter.saveSettings(
      { enabled: true, serverUrl: 'https://sync.test' },
      'enc_whatever_token',
    );
    expect(offline.status().phase).toBe('offline');

    const refused = setup({ token: 'x' });
    await refused.adapter.saveSettings(
      { enabled: true, serverUrl: 'https://sync.test' },
      'enc_revoked_token_123',
    );
    expect(refused.status().phase).toBe('error');
    expect(refused.status().error?.action).toMatch(/Settings → Sync/);
    expect(refused.status().nextRetryAt).toBeNull();
    await expect(
      refused.adapter.saveSettings({ enabled: true, serverUrl: 'ftp://nope' }, undefined),
    ).rejects.toThrow(/http/);
  });

  it('sends nothing over plain http to the internet: the form refuses it, and so does sync if it was saved anyway', async () => {
    const { token } = await newWorkspace(server);
    const fetched: string[] = [];
    const { db, adapter, status } = setup({ token, fetched });
    await expect(
      adapter.saveSettings({ enabled: true, serverUrl: 'http://sync.example.com' }, token),
    ).rejects.toThrow(/use https:\/\//);
    // Private and local addresses are fine for testing.
    for (const url of ['http://localhost:8787', 'http://192.168.1.20', 'http://nas.local'])
      await adapter.saveSettings({ enabled: false, serverUrl: url }, token);
    // Saved by an older version of the app: sync refuses to send, and says what to change.
    await db.app_settings.put({
      key: 'sync_settings',
      value: { enabled: true, serverUrl: 'http://sync.example.com' },
    });
    await adapter.syncNow();
    expect(fetched).toEqual([]);
    expect(status().phase).toBe('error');
    expect(status().error?.action).toMatch(/server address in Settings → Sync/);
    expect(status().nextRetryAt).toBeNull();
  });

  it('a new token makes this computer a new sync client: it is never refused as another token’s client', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { db, adapter, status } = setup({ token });
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, token);
    await db.team_members.add(member('Ana'));
    await adapter.syncNow();
    const firstId = (await db.sync_state.get('client_id'))?.value;
    const { token: fresh } = await createToken(server.db, workspaceId, 'Ana again');
    await adapter.saveSettings({ enabled: true, serverUrl: 'https://sync.test' }, fresh);
    await db.team_members.add(member('Ben'));
    await adapter.syncNow();
    expect(status().phase).toBe('idle');
    expect((await db.sync_state.get('client_id'))?.value).not.toBe(firstId);
    expect(await db.sync_outbox.count()).toBe(0);
  });
});
