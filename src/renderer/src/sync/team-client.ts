/**
 * The app's side of team administration (server/src/team.ts): read the team, invite, list
 * and revoke devices with this computer's token, and join a workspace with an invite code
 * (no token yet: the code is the credential, and the answer is this computer's token).
 */
import type {
  DevicesResponse,
  InviteResponse,
  JoinResponse,
  TeamResponse,
} from '../../../shared/team/team-protocol';
import type { FetchLike, SyncTransport } from './transport';
import { httpTransport } from './transport';

export type TeamClient = {
  team(): Promise<TeamResponse>;
  invite(memberName: string, role?: 'admin' | 'member'): Promise<InviteResponse>;
  devices(): Promise<DevicesResponse>;
  revoke(deviceId: string): Promise<void>;
};

export function teamClient(transport: SyncTransport): TeamClient {
  return {
    team: async () => (await transport({ method: 'GET', path: '/v1/team' })) as TeamResponse,
    invite: async (memberName, role = 'member') =>
      (await transport({
        method: 'POST',
        path: '/v1/team/invites',
        body: { member_name: memberName, role },
      })) as InviteResponse,
    devices: async () =>
      (await transport({ method: 'GET', path: '/v1/team/devices' })) as DevicesResponse,
    revoke: async (deviceId) => {
      await transport({
        method: 'POST',
        path: `/v1/team/devices/${encodeURIComponent(deviceId)}/revoke`,
      });
    },
  };
}

/** Exchanges an invite code for this computer's member token. */
export async function joinWorkspace(
  serverUrl: string,
  code: string,
  deviceName: string,
  fetch?: FetchLike,
): Promise<JoinResponse> {
  const transport = httpTransport({ baseUrl: serverUrl, token: '', ...(fetch ? { fetch } : {}) });
  return (await transport({
    method: 'POST',
    path: '/v1/join',
    body: { code, device_name: deviceName },
  })) as JoinResponse;
}
