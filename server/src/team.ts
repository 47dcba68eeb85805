/**
 * Team administration over HTTP: invites (a one-time, expiring code an admin creates and a
 * new laptop exchanges at POST /v1/join for its own member token), the team, the devices
 * (one per token) and revoking one. Roles are checked here, per request, from the database:
 * a member who is not an admin gets 403; a revoked token already gets 401 from the auth layer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { SyncErrorBody, SyncErrorCode } from '../../src/shared/sync/protocol';
import type {
  DevicesResponse,
  InviteResponse,
  JoinResponse,
  TeamResponse,
  TeamRole,
} from '../../src/shared/team/team-protocol';
import {
  INVITE_ALPHABET,
  TEAM_LIMITS,
  createInviteSchema,
  joinSchema,
  normalizeInviteCode,
} from '../../src/shared/team/team-protocol';
import type { Principal } from './auth';
import { addMember, createToken } from './auth';
import type { Database } from './db';

type Env = { Variables: { principal: Principal } };

function refuse(c: Context, status: number, code: SyncErrorCode, message: string): Response {
  const body: SyncErrorBody = { error: { code, message } };
  return c.json(body, status as 400);
}

const hashCode = (code: string) =>
  createHash('sha256')
    .update(`invite:${normalizeInviteCode(code)}`, 'utf8')
    .digest('hex');

/** 16 characters of Crockford base32 (80 random bits), in groups of four. */
function newInviteCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => INVITE_ALPHABET[byte % 32]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

async function roleOf(db: Database, principal: Principal): Promise<TeamRole> {
  const rows = await db.query<{ role: TeamRole }>(
    'SELECT role FROM workspace_members WHERE workspace_id = $1 AND member_id = $2',
    [principal.workspaceId, principal.memberId],
  );
  return rows[0]?.role ?? 'member';
}

async function readBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());

/** POST /v1/join: needs no token (the code is the credential), so it is registered before auth. */
export function registerJoinRoute(app: Hono<Env>, db: Database): void {
  app.post('/v1/join', async (c) => {
    const parsed = joinSchema.safeParse(await readBody(c));
    if (!parsed.success)
      return refuse(c, 400, 'invalid_body', 'Send {code, device_name} to join a workspace.');
    const answer = await db.transaction(async (tx) => {
      const used = await tx.query<{ workspace_id: string; member_name: string; role: TeamRole }>(
        `UPDATE team_invites SET used_at = now()
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING workspace_id, member_name, role`,
        [hashCode(parsed.data.code)],
      );
      const invite = used[0];
      if (!invite) return null;
      const memberId = randomUUID();
      await addMember(tx, invite.workspace_id, memberId, invite.member_name, invite.role);
      const { token } = await createToken(
        tx,
        invite.workspace_id,
        invite.member_name,
        memberId,
        parsed.data.device_name,
      );
      const names = await tx.query<{ name: string }>('SELECT name FROM workspaces WHERE id = $1', [
        invite.workspace_id,
      ]);
      const body: JoinResponse = {
        token,
        workspace: { id: invite.workspace_id, name: names[0]?.name ?? '' },
        member: { id: memberId, name: invite.member_name, role: invite.role },
      };
      return body;
    });
    if (!answer)
      return refuse(
        c,
        403,
        'invalid_invite',
        'This invite code is unknown, already used or expired. Ask your workspace admin for a new one.',
      );
    return c.json(answer);
  });
}

async function teamOf(db: Database, principal: Principal): Promise<TeamResponse> {
  const [workspace, members, device] = await Promise.all([
    db.query<{ name: string }>('SELECT name FROM workspaces WHERE id = $1', [
      principal.workspaceId,
    ]),
    db.query<{ member_id: string; name: string; role: TeamRole }>(
      'SELECT member_id, name, role FROM workspace_members WHERE workspace_id = $1 ORDER BY created_at, member_id',
      [principal.workspaceId],
    ),
    db.query<{ id: string }>('SELECT id FROM api_tokens WHERE token_hash = $1', [
      principal.tokenHash,
    ]),
  ]);
  const me = members.find((member) => member.member_id === principal.memberId);
  return {
    workspace: { id: principal.workspaceId, name: workspace[0]?.name ?? '' },
    me: {
      member_id: principal.memberId,
      name: me?.name ?? principal.memberName,
      role: me?.role ?? 'member',
      device_id: device[0]?.id ?? '',
    },
    members,
  };
}

async function devicesOf(db: Database, principal: Principal): Promise<DevicesResponse> {
  const rows = await db.query<{
    id: string;
    token_hash: string;
    device_name: string;
    member_id: string;
    member_name: string;
    role: TeamRole | null;
    created_at: string;
    last_seen_at: string | null;
    revoked_at: string | null;
  }>(
    `SELECT t.id, t.token_hash, t.device_name, t.member_id, t.member_name, m.role,
            t.created_at, t.last_seen_at, t.revoked_at
     FROM api_tokens t LEFT JOIN workspace_members m
       ON m.workspace_id = t.workspace_id AND m.member_id = t.member_id
     WHERE t.workspace_id = $1 ORDER BY t.revoked_at IS NOT NULL, t.created_at, t.id`,
    [principal.workspaceId],
  );
  return {
    devices: rows.map(({ token_hash, ...row }) => ({
      ...row,
      role: row.role ?? 'member',
      created_at: iso(row.created_at) as string,
      last_seen_at: iso(row.last_seen_at),
      revoked_at: iso(row.revoked_at),
      current: token_hash === principal.tokenHash,
    })),
  };
}

/** The routes behind the token; admin-only ones answer 403 to other members. */
export function registerTeamRoutes(app: Hono<Env>, db: Database, now: () => number): void {
  const adminOnly = async (c: Context<Env>, next: () => Promise<void>) => {
    if ((await roleOf(db, c.get('principal'))) !== 'admin')
      return refuse(c, 403, 'forbidden', 'Only a workspace admin can do this.');
    await next();
  };
  app.get('/v1/team', async (c) => c.json(await teamOf(db, c.get('principal'))));
  app.post('/v1/team/invites', adminOnly, async (c) => {
    const parsed = createInviteSchema.safeParse(await readBody(c));
    if (!parsed.success)
      return refuse(c, 400, 'invalid_body', 'An invite needs the name of the person invited.');
    const { member_name, role } = parsed.data;
    const hours = parsed.data.expires_in_hours ?? TEAM_LIMITS.defaultInviteHours;
    const code = newInviteCode();
    const expiresAt = new Date(now() + hours * 3600_000).toISOString();
    const principal = c.get('principal');
    await db.query(
      `INSERT INTO team_invites (code_hash, workspace_id, member_name, role, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [hashCode(code), principal.workspaceId, member_name, role, principal.memberId, expiresAt],
    );
    const body: InviteResponse = { code, member_name, role, expires_at: expiresAt };
    return c.json(body);
  });
  app.get('/v1/team/devices', adminOnly, async (c) =>
    c.json(await devicesOf(db, c.get('principal'))),
  );
  app.post('/v1/team/devices/:id/revoke', adminOnly, async (c) => {
    const rows = await db.query<{ id: string }>(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
       WHERE workspace_id = $1 AND id = $2 RETURNING id`,
      [c.get('principal').workspaceId, c.req.param('id')],
    );
    if (rows.length === 0) return refuse(c, 404, 'not_found', 'No such device in this workspace.');
    return c.json({ revoked: true, id: rows[0]?.id });
  });
}
