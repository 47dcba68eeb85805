import { useState } from 'react';
import { run } from '../../app/actions/runner';
import type { DeviceView } from '../../../../shared/team/team-protocol';
import { DialogShell } from '../ui/DialogShell';
import { revokeDevice } from './team-admin-actions';

function when(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A device joined with an invite has the name given there; one set up with a token has none,
 * and is told by its member's name (every such row read "Set up with a token" in bold, the
 * person only in the small line below).
 */
const deviceName = (device: DeviceView) => device.device_name || device.member_name;

export const deviceLabel = (device: DeviceView) =>
  device.device_name
    ? `${device.device_name} (${device.member_name})`
    : `${device.member_name} (set up with a token)`;

const label = deviceLabel;

/** The small line: whose it is (when the name does not say it already), role, last seen. */
export function deviceMeta(device: DeviceView): string {
  const who = device.device_name ? device.member_name : 'Set up with a token';
  const role = device.role === 'admin' ? 'Admin' : 'Member';
  const revoked = device.revoked_at ? ` · revoked ${when(device.revoked_at)}` : '';
  return `${who} · ${role} · last seen ${when(device.last_seen_at)}${revoked}`;
}

/** The workspace's devices (one per token); an admin revokes one after confirming. */
export function TeamDevices({ devices, onChange }: { devices: DeviceView[]; onChange(): void }) {
  const [confirming, setConfirming] = useState<DeviceView | null>(null);

  async function handleRevoke(device: DeviceView) {
    const result = await run(revokeDevice, { id: device.id, label: label(device) });
    setConfirming(null);
    if (result?.ok) onChange();
  }

  return (
    <section aria-labelledby="team-devices-heading">
      <h3 id="team-devices-heading" className="sync-subtitle">
        Devices ({devices.length.toLocaleString()})
      </h3>
      <ul className="item-list" aria-label="Devices">
        {devices.map((device) => (
          <li key={device.id} className="item">
            <div className="item-main">
              <div>
                <strong>{deviceName(device)}</strong>
                {device.current && <span className="item-meta"> · this computer</span>}
              </div>
              <div className="item-meta">{deviceMeta(device)}</div>
            </div>
            {!device.revoked_at && !device.current && (
              <button
                className="btn btn-small"
                type="button"
                aria-label={`Revoke ${label(device)}`}
                onClick={() => setConfirming(device)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      {confirming && (
        <DialogShell
          open
          onOpenChange={(open) => !open && setConfirming(null)}
          title={`Revoke ${label(confirming)}?`}
          description="It stops syncing at once and cannot use its token again. Its data stays on that computer. To let it back in, send a new invite."
        >
          <div className="dialog-actions">
            <button className="btn" type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              className="btn btn-danger"
              type="button"
              onClick={() => void handleRevoke(confirming)}
            >
              Revoke
            </button>
          </div>
        </DialogShell>
      )}
    </section>
  );
}
