/**
 * Team administration on the server: the first member is the admin, an invite is a one-time
 * expiring code that becomes a member token, admins list and revoke devices, and the server
 * enforces it (403 for members, 401 for revoked tokens).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/src/auth';
import type {
  DevicesResponse,
  InviteResponse,
  JoinResponse,
  TeamResponse,
} from '../../src/shared/team/team-protocol';
import type { SyncErrorBody } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { newWorkspace, startTestServer } from './harness';
import { call } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function join(code: string, device = 'Ben’s laptop') {
  const response = await server.app.request('/v1/join', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device_name: device }),
  });
  return { status: response.status, body: (await response.json()) as JoinResponse & SyncErrorBody };
}

async function invite(token: string, name = 'Ben') {
  return call<InviteResponse & SyncErrorBody>(server.app, token, 'POST', '/v1/team/invites', {
    member_name: name,
  });
}

describe('team administration', () => {
  it('the first member of a workspace is its admin; later ones are members', async () => {
    const { workspaceId, token } = await newWorkspace(server);
    const admin = await call<TeamResponse>(server.app, token, 'GET', '/v1/team');
    expect(admin.status).toBe(200);
    expect(admin.body.me).toMatchObject({ name: 'Ana', role: 'admin' });
    const later = await createToken(server.db, workspaceId, 'Cleo');
    const member = await call<TeamResponse>(server.app, later.token, 'GET', '/v1/team');
    expect(member.body.me.role).toBe('member');
    expect(member.body.members.map((m) => `${m.name}:${m.role}`)).toEqual([
      'Ana:admin',
      'Cleo:member',
    ]);
  });

  it('an invite code joins once, as a member with its own token', async () => {
    const { token } = await newWorkspace(server, 'Night Owl');
    const made = await invite(token);
    expect(made.status).toBe(200);
    expect(made.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(made.body.expires_at)).toBeGreaterThan(Date.now() + 71 * 3600_000);
    // Typed loosely (lower case, no dashes) it still works.
    const joined = await join(made.body.code.toLowerCase().replace(/-/g, ' '));
    expect(joined.status).toBe(200);
    expect(joined.body.workspace.name).toBe('Night Owl');
    expect(joined.body.member).toMatchObject({ name: 'Ben', role: 'member' });
    const team = await call<TeamResponse>(server.app, joined.body.token, 'GET', '/v1/team');
    expect(team.body.me).toMatchObject({ name: 'Ben', role: 'member' });
    const pulled = await call(server.app, joined.body.token, 'GET', '/v1/pull');
    expect(pulled.status).toBe(200);
    const again = await join(made.body.code);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('invalid_invite');
  });

  it('an invite made for an admin joins as an admin, who may invite and list devices', async () => {
    const { token } = await newWorkspace(server);
    const made = await call<InviteResponse>(server.app, token, 'POST', '/v1/team/invites', {
      member_name: 'Dana',
      role: 'admin',
    });
    expect(made.body.role).toBe('admin');
    const joined = await join(made.body.code, 'Dana laptop');
    expect(joined.body.member).toMatchObject({ name: 'Dana', role: 'admin' });
    const dana = joined.body.token;
    expect((await call(server.app, dana, 'GET', '/v1/team/devices')).status).toBe(200);
    expect((await invite(dana, 'Eve')).status).toBe(200);
    // A role the server does not know is refused, not read as a member or an admin.
    const odd = await call<SyncErrorBody>(server.app, token, 'POST', '/v1/team/invites', {
      member_name: 'Finn',
      role: 'owner',
    });
    expect(odd.status).toBe(400);
  });

  it('an expired or unknown code is refused, and a malformed join is a 400', async () => {
    const { token } = await newWorkspace(server);
    const made = await invite(token);
    await server.db.query(
      `UPDATE team_invites SET expires_at = now() - interval '1 minute' WHERE member_name = 'Ben'`,
    );
    expect((await join(made.body.code)).status).toBe(403);
    expect((await join('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).body.error.code).toBe('invalid_invite');
    const bad = await server.app.request('/v1/join', { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });

  it('only admins invite, list devices and revoke: members get 403', async () => {
    const { token } = await newWorkspace(server);
    const joined = await join((await invite(token)).body.code);
    const memberToken = joined.body.token;
    const devices = await call<DevicesResponse>(server.app, token, 'GET', '/v1/team/devices');
    const anaDevice = devices.body.devices.find((device) => device.current)?.id ?? '';
    for (const [method, path, body] of [
      ['POST', '/v1/team/invites', { member_name: 'Eve' }],
      ['GET', '/v1/team/devices', undefined],
      ['POST', `/v1/team/devices/${anaDevice}/revoke`, undefined],
    ] as const) {
      const answer = await call<SyncErrorBody>(server.app, memberToken, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    // The admin's device was not revoked by the refused call.
    expect((await call(server.app, token, 'GET', '/v1/team')).status).toBe(200);
  });

  it('an admin lists devices (name, member, last seen) and revokes one: it then gets 401', async () => {
    const { token } = await newWorkspace(server);
    const joined = await join((await invite(token)).body.code, 'Ben MacBook');
    await call(server.app, joined.body.token, 'GET', '/v1/pull');
    const listed = await call<DevicesResponse>(server.app, token, 'GET', '/v1/team/devices');
    expect(listed.status).toBe(200);
    const ben = listed.body.devices.find((device) => device.member_name === 'Ben');
    expect(ben).toMatchObject({ device_name: 'Ben MacBook', role: 'member', current: false });
    expect(ben?.last_seen_at).not.toBeNull();
    expect(listed.body.devices.find((device) => device.current)?.member_name).toBe('Ana');
    const revoked = await call(server.app, token, 'POST', `/v1/team/devices/${ben?.id}/revoke`);
    expect(revoked.status).toBe(200);
    const refused = await call<SyncErrorBody>(server.app, joined.body.token, 'GET', '/v1/pull');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: 'unauthorized',
      details: { reason: 'revoked' },
    });
    const after = await call<DevicesResponse>(server.app, token, 'GET', '/v1/team/devices');
    expect(after.body.devices.find((d) => d.id === ben?.id)?.revoked_at).not.toBeNull();
    expect((await call(server.app, token, 'GET', '/v1/pull')).status).toBe(200);
  });

  it("an admin cannot revoke another workspace's device", async () => {
    const one = await newWorkspace(server);
    const other = await newWorkspace(server);
    const theirs = await call<DevicesResponse>(server.app, other.token, 'GET', '/v1/team/devices');
    const id = theirs.body.devices[0]?.id ?? '';
    const answer = await call(server.app, one.token, 'POST', `/v1/team/devices/${id}/revoke`);
    expect(answer.status).toBe(404);
    expect((await call(server.app, other.token, 'GET', '/v1/pull')).status).toBe(200);
  });
});
