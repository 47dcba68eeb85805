/**
 * Team administration on the sync server: wire types and limits shared by the server
 * (server/src/team.ts) and the app (Settings → Team). The first member of a workspace is its
 * admin; an admin invites others with a one-time code, lists devices and revokes them.
 */
import { z } from 'zod';

export const TEAM_LIMITS = {
  /** How long an invite code stays valid unless the admin says otherwise. */
  defaultInviteHours: 72,
  maxInviteHours: 24 * 30,
  maxNameLength: 120,
} as const;

export type TeamRole = 'admin' | 'member';

const name = z.string().trim().min(1).max(TEAM_LIMITS.maxNameLength);

export const createInviteSchema = z
  .object({
    member_name: name,
    role: z.enum(['admin', 'member']).default('member'),
    expires_in_hours: z.number().int().min(1).max(TEAM_LIMITS.maxInviteHours).optional(),
  })
  .strict();

export const joinSchema = z
  .object({
    code: z.string().trim().min(8).max(64),
    device_name: name,
  })
  .strict();

export type InviteResponse = {
  code: string;
  member_name: string;
  role: TeamRole;
  expires_at: string;
};

export type JoinResponse = {
  token: string;
  workspace: { id: string; name: string };
  member: { id: string; name: string; role: TeamRole };
};

export type TeamMemberView = { member_id: string; name: string; role: TeamRole };

export type TeamResponse = {
  workspace: { id: string; name: string };
  me: TeamMemberView & { device_id: string };
  members: TeamMemberView[];
};

export type DeviceView = {
  id: string;
  device_name: string;
  member_id: string;
  member_name: string;
  role: TeamRole;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** The device making the request. */
  current: boolean;
};

export type DevicesResponse = { devices: DeviceView[] };

/** Invite codes: 16 characters of Crockford base32 (80 bits), shown in groups of four. */
export const INVITE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code as typed (spaces, dashes, lower case, O for 0 and I/L for 1 forgiven). */
export function normalizeInviteCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
