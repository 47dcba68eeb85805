import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { DeviceView, TeamResponse } from '../../../../shared/team/team-protocol';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import { crm } from '../../services/registry';
import { describeSyncError } from '../../sync/describe-error';
import { SYNC_KEYS } from '../../sync/sync-state';

export type TeamState =
  | { status: 'loading' }
  /** Not connected to a server, or the server refused this computer: offer to join. */
  | { status: 'not-connected'; problem: string | null }
  | { status: 'ready'; team: TeamResponse; devices: DeviceView[] | null };

/**
 * The team as the server sees it (read on demand: it is not stored on this computer), read
 * again when the sync settings are saved (a token pasted). Once an admin revoked this
 * computer (the sync said so), the way back in at once: the join form, with no call to the
 * server with the revoked token (the Sync section already says why).
 */
export function useTeamAdmin(): { state: TeamState; reload(): void } {
  const [state, setState] = useState<TeamState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const revoked = useLiveQuery(
    async () => (await getDb().sync_state.get(SYNC_KEYS.revokedAt)) !== undefined,
    [],
  );
  // Each Save in Settings → Sync writes these (after the token): read the team again then.
  const saved = useLiveQuery(() => readSetting(getDb(), 'sync'), []);
  useEffect(() => {
    if (revoked === undefined || saved === undefined) return;
    let live = true;
    void (async () => {
      if (revoked) {
        if (live) setState({ status: 'not-connected', problem: null });
        return;
      }
      const sync = crm().sync;
      const settings = await sync.readSettings();
      if (!settings.serverUrl || !(await sync.hasToken())) {
        if (live) setState({ status: 'not-connected', problem: null });
        return;
      }
      try {
        const client = await sync.team();
        const team = await client.team();
        const devices = team.me.role === 'admin' ? (await client.devices()).devices : null;
        if (live) setState({ status: 'ready', team, devices });
      } catch (error) {
        const described = describeSyncError(error);
        if (live)
          setState({
            status: 'not-connected',
            problem: `${described.message} ${described.action}`,
          });
      }
    })();
    return () => {
      live = false;
    };
  }, [version, revoked, saved]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
