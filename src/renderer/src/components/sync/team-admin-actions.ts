/** Team administration, as actions (app/actions): each says what happened, or why not. */
import { defineAction } from '../../app/actions/define';
import { fail, ok } from '../../domain/result';
import type { InviteResponse, JoinResponse, TeamRole } from '../../../../shared/team/team-protocol';
import { crm } from '../../services/registry';
import { describeSyncError } from '../../sync/describe-error';
import { actionIn } from '../../sync/fix-action';
import { SyncServerError } from '../../sync/transport';

/** The server's or the network's refusal in the user's words. */
function reason(error: unknown): string {
  if (error instanceof SyncServerError && ['forbidden', 'invalid_invite'].includes(error.code))
    return error.message;
  if (error instanceof SyncServerError || error instanceof TypeError) {
    const described = describeSyncError(error);
    // Said in Team access, just below Sync.
    return `${described.message} ${actionIn(described, 'team')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The role is the one the server gives the invite (it refuses anyone but an admin). */
export const createInvite = defineAction<{ memberName: string; role: TeamRole }, InviteResponse>({
  id: 'team-create-invite',
  label: 'Create an invite code',
  inline: true,
  perform: async ({ memberName, role }) => {
    try {
      const invite = await (await crm().sync.team()).invite(memberName, role);
      const as = invite.role === 'admin' ? ' as an admin' : '';
      return { ...ok(invite), message: `Invite for ${invite.member_name}${as} created` };
    } catch (error) {
      return fail(reason(error));
    }
  },
});

export const joinWithCode = defineAction<
  { serverUrl: string; code: string; deviceName: string },
  JoinResponse
>({
  id: 'team-join',
  label: 'Join a workspace with an invite code',
  inline: true,
  perform: async ({ serverUrl, code, deviceName }) => {
    try {
      const joined = await crm().sync.join(serverUrl, code, deviceName);
      return {
        ...ok(joined),
        message: `Joined ${joined.workspace.name || 'the workspace'} as ${joined.member.name}`,
      };
    } catch (error) {
      return fail(reason(error));
    }
  },
});

export const revokeDevice = defineAction<{ id: string; label: string }>({
  id: 'team-revoke-device',
  label: 'Revoke a device',
  perform: async ({ id, label }) => {
    try {
      await (await crm().sync.team()).revoke(id);
      return { ...ok(), message: `${label} can no longer sync` };
    } catch (error) {
      return fail(reason(error));
    }
  },
});
