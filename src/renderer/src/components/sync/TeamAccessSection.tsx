import { actionIn } from '../../sync/fix-action';
import { saidInSync, useTeamAdmin, type TeamProblem } from '../../hooks/sync/use-team-admin';
import { useSyncSettings, useSyncStatus } from '../../hooks/sync/use-sync-status';
import { TeamDevices } from './TeamDevices';
import { TeamInviteForm } from './TeamInviteForm';
import { TeamJoinForm } from './TeamJoinForm';

/** Scrolls to Settings → Sync and puts the cursor where the fix is typed. */
function goToSync(token: boolean) {
  document.getElementById('sync')?.scrollIntoView({ block: 'start' });
  document.getElementById(token ? 'sync-token' : 'sync-server-url')?.focus({ preventScroll: true });
}

/**
 * The team could not be read. Said here only when Settings → Sync does not already say it;
 * otherwise a pointer to it (said once, where the token and the address are changed).
 */
function TeamProblemNotice({ problem }: { problem: TeamProblem }) {
  const status = useSyncStatus();
  if (!saidInSync(problem, status.error))
    return (
      <div className="notice notice-warning sync-notice" role="alert">
        {problem.message} {actionIn(problem, 'team')}
      </div>
    );
  return (
    <p className="field-hint" role="note">
      The team cannot be read: Sync, above, says why.{' '}
      <a
        href="#sync"
        onClick={(event) => {
          event.preventDefault();
          goToSync(problem.token);
        }}
      >
        {problem.token ? 'Go to the access token' : 'Go to Sync'}
      </a>
      {problem.token ? ', or join again with an invite code below.' : '.'}
    </p>
  );
}

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
          {state.problem && <TeamProblemNotice problem={state.problem} />}
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
