/**
 * Workspaces (one per agency) and bearer tokens (one or more per team member). Only a
 * token's SHA-256 is stored: tokens are 256 random bits, so a fast hash is enough and a
 * leaked table grants nothing.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from './db';

export type Principal = {
  workspaceId: string;
  /** The workspace's small integer key, which product rows are stored under (migration 7). */
  workspaceKey: number;
  memberId: string;
  memberName: string;
  /** The token's SHA-256: a client id is bound to the token that first pushed with it. */
  tokenHash: string;
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createWorkspace(sql: Sql, name: string): Promise<string> {
  const id = randomUUID();
  await sql.query('INSERT INTO workspaces (id, name) VALUES ($1, $2)', [id, name]);
  return id;
}

/** Issues a token for a member; the plain token is returned once and never stored. */
export async function createToken(
  sql: Sql,
  workspaceId: string,
  memberName: string,
  memberId: string = randomUUID(),
  deviceName = '',
): Promise<{ token: string; memberId: string }> {
  const token = `enc_${randomBytes(32).toString('base64url')}`;
  await sql.query(
    'INSERT INTO api_tokens (token_hash, workspace_id, member_id, member_name, device_name) VALUES ($1, $2, $3, $4, $5)',
    [hashToken(token), workspaceId, memberId, memberName, deviceName],
  );
  await addMember(sql, workspaceId, memberId, memberName);
  return { token, memberId };
}

/** Records a member (once): the first member of a workspace is its admin. */
export async function addMember(
  sql: Sql,
  workspaceId: string,
  memberId: string,
  name: string,
  role: 'admin' | 'member' = 'member',
): Promise<void> {
  await sql.query(
    `INSERT INTO workspace_members (workspace_id, member_id, name, role)
     SELECT $1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM workspace_members WHERE workspace_id = $1)
                        THEN $4 ELSE 'admin' END
     ON CONFLICT (workspace_id, member_id) DO NOTHING`,
    [workspaceId, memberId, name, role],
  );
}

export async function revokeToken(sql: Sql, token: string): Promise<void> {
  await sql.query('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [
    hashToken(token),
  ]);
}

/** The hash of the bearer token an Authorization header carries, null when it carries none. */
export function bearerTokenHash(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S{10,200})$/i.exec(header ?? '');
  return match?.[1] ? hashToken(match[1]) : null;
}

/** Whether the header carries a token that existed and was revoked (to say so plainly). */
export async function isRevoked(sql: Sql, header: string | undefined): Promise<boolean> {
  const tokenHash = bearerTokenHash(header);
  if (!tokenHash) return false;
  const rows = await sql.query(
    'SELECT 1 FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL',
    [tokenHash],
  );
  return rows.length > 0;
}

/**
 * The token's member and workspace, or null when the token is unknown or revoked, read on
 * every request (never cached: a token revoked by any server process is refused at once).
 * The same statement records the device as seen, at most once a minute (team.ts lists
 * devices): one round trip per request for both.
 */
export async function authenticate(
  sql: Sql,
  header: string | undefined,
): Promise<Principal | null> {
  const tokenHash = bearerTokenHash(header);
  if (!tokenHash) return null;
  const rows = await sql.query<{
    workspace_id: string;
    workspace_key: number;
    member_id: string;
    member_name: string;
  }>(
    `WITH seen AS (
       UPDATE api_tokens SET last_seen_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL
         AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute'))
     SELECT t.workspace_id, w.key AS workspace_key, t.member_id, t.member_name
     FROM api_tokens t JOIN workspaces w ON w.id = t.workspace_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [tokenHash],
    { prepare: true },
  );
  const row = rows[0];
  return row
    ? {
        workspaceId: row.workspace_id,
        workspaceKey: Number(row.workspace_key),
        memberId: row.member_id,
        memberName: row.member_name,
        tokenHash,
      }
    : null;
}
