/**
 * Migration 4: members with roles, invites, and tokens as devices (an id, a name, when last
 * seen). Existing tokens become devices of members; each workspace's earliest member is its
 * admin, as the first member of a new workspace is.
 */
export const TEAM_MIGRATION = {
  id: 4,
  name: 'members with roles, invites, tokens as devices',
  sql: [
    `CREATE TABLE workspace_members (
       workspace_id text NOT NULL REFERENCES workspaces(id),
       member_id text NOT NULL,
       name text NOT NULL,
       role text NOT NULL CHECK (role IN ('admin', 'member')),
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (workspace_id, member_id)
     );`,
    `INSERT INTO workspace_members (workspace_id, member_id, name, role, created_at)
       SELECT DISTINCT ON (workspace_id, member_id) workspace_id, member_id, member_name, 'member', created_at
       FROM api_tokens ORDER BY workspace_id, member_id, created_at;`,
    `UPDATE workspace_members SET role = 'admin'
       WHERE (workspace_id, member_id) IN (
         SELECT DISTINCT ON (workspace_id) workspace_id, member_id FROM workspace_members
         ORDER BY workspace_id, created_at, member_id);`,
    `ALTER TABLE api_tokens ADD COLUMN id text NOT NULL DEFAULT gen_random_uuid()::text;`,
    `CREATE UNIQUE INDEX api_tokens_id_idx ON api_tokens (id);`,
    `ALTER TABLE api_tokens ADD COLUMN device_name text NOT NULL DEFAULT '';`,
    `ALTER TABLE api_tokens ADD COLUMN last_seen_at timestamptz;`,
    // Only the code's SHA-256 is kept, like a token's; used_at makes it single use.
    `CREATE TABLE team_invites (
       code_hash text PRIMARY KEY,
       workspace_id text NOT NULL REFERENCES workspaces(id),
       member_name text NOT NULL,
       role text NOT NULL CHECK (role IN ('admin', 'member')),
       created_by text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       used_at timestamptz
     );`,
  ].join('\n'),
};
