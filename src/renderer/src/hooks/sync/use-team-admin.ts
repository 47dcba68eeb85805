import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { DeviceView, TeamResponse } from '../../../../shared/team/team-protocol';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import { crm } from '../../services/registry';
import { describeSyncError } from '../../sync/describe-error';
import type { SyncFix } from '../../sync/fix-action';
import { SyncServerError } from '../../sync/transport';
import { SYNC_KEYS } from '../../sync/sync-state';

/** How often the team and its devices are read again while on screen. */
const REFRESH_MS = 10_000;

/** Why the team could not be read, in the user's words; `token` when the token was refused. */
export type TeamProblem = { message: string; action: string; token: boolean; fix?: SyncFix };

export type TeamState =
  | { status: 'loading' }
  /** Not connected to a server, or the server refused this computer: offer to join. */
  | { status: 'not-connected'; problem: TeamProblem | null }
  | { status: 'ready'; team: TeamResponse; devices: DeviceView[] | null };

/**
 * The team as the server sees it (read on demand: it is not stored on this computer), read
 * again when the sync settings are saved (a token pasted). Once an admin revoked this
 * computer (the sync said so), the way back in at once: the join form, with no call to the
 * server with the revoked token (the Sync section already says why).
 */
/**
 * Whether Team access points to Settings → Sync for its problem instead of saying it: when
 * Sync, just above, already says the same (a refused token, a server out of reach), it is
 * said once, there, beside the token and the address the user changes to fix it.
 */
export function saidInSync(problem: TeamProblem, syncError: { message: string } | null): boolean {
  return syncError !== null && syncError.message === problem.message;
}

/** The team, and its devices for an admin, as the server says now. */
async function readTeam(): Promise<TeamState & { status: 'ready' }> {
  const client = await crm().sync.team();
  const team = await client.team();
  const devices = team.me.role === 'admin' ? (await client.devices()).devices : null;
  return { status: 'ready', team, devices };
}

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
        const ready = await readTeam();
        if (live) setState(ready);
      } catch (error) {
        const { message, action, fix } = describeSyncError(error);
        const token = error instanceof SyncServerError && error.code === 'unauthorized';
        const problem: TeamProblem = { message, action, token, ...(fix ? { fix } : {}) };
        if (live) setState({ status: 'not-connected', problem });
      }
    })();
    return () => {
      live = false;
    };
  }, [version, revoked, saved]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // An admin who sent an invite waits for the person to join: the devices are read again
  // while this is on screen (every REFRESH_MS, and when the window comes back into view),
  // not only after a reload.
  // A read that fails here keeps what is shown (a network blip must not swap the team for the
  // join form; Settings → Sync says what is wrong, and a revocation arrives through it).
  const ready = state.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const again = () => {
      if (document.visibilityState !== 'visible') return;
      readTeam().then(
        (fresh) => live && setState(fresh),
        () => undefined,
      );
    };
    const timer = setInterval(again, REFRESH_MS);
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [ready]);
  return { state, reload };
}
