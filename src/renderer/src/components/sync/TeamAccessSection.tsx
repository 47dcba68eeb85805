import { useTeamAdmin } from '../../hooks/sync/use-team-admin';
import { useSyncSettings } from '../../hooks/sync/use-sync-status';
import { TeamDevices } from './TeamDevices';
import { TeamInviteForm } from './TeamInviteForm';
import { TeamJoinForm } from './TeamJoinForm';

/**
 * Settings → Team access: who is in the sync workspace and on which computers. Admins invite
 * people (a one-time code) and revoke devices; anyone joins a workspace with a code.
 */
export function TeamAccessSection() {
  const { state, reload } = useTeamAdmin();
  const settings = useSyncSettings();
  return (
    <section className="section" id="team-access" aria-labelledby="team-access-heading">
      <h2 id="team-access-heading" className="section-title">
        Team access
      </h2>
      {state.status === 'loading' && <p className="field-hint">Asking the sync server…</p>}
      {state.status === 'not-connected' && (
        <>
          {state.problem && (
            <div className="notice notice-warning sync-notice" role="alert">
              {state.problem}
            </div>
          )}
          <TeamJoinForm serverUrl={settings?.serverUrl ?? ''} onJoined={reload} />
        </>
      )}
      {state.status === 'ready' && (
        <>
          <p className="field-hint">
            Workspace <strong>{state.team.workspace.name}</strong> · you are {state.team.me.name} (
            {state.team.me.role === 'admin' ? 'admin' : 'member'})
          </p>
          {state.devices ? (
            <>
              <TeamInviteForm />
              <TeamDevices devices={state.devices} onChange={reload} />
            </>
          ) : (
            <p className="field-hint">
              Only a workspace admin can invite people and manage devices.
            </p>
          )}
        </>
      )}
    </section>
  );
}
