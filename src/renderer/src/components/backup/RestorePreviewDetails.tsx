import { getPlatform } from '../../platform';
import type { RestorePreview } from '../../services/crm/backup/restore-preview';
import { formatBytes, formatWhen, previewRows, restoreSyncNote } from './table-labels';

/** The "Back up now" inside the dialog: running, or what it said (where the file went). */
export type SafetyBackup = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; said: string };

type Props = {
  preview: RestorePreview;
  understood: boolean;
  onUnderstood: (value: boolean) => void;
  backup: SafetyBackup;
  onBackUpNow: () => void;
};

/** What the backup holds, beside what this computer holds now, and what restoring does. */
export function RestorePreviewDetails({
  preview,
  understood,
  onUnderstood,
  backup,
  onBackUpNow,
}: Props) {
  const { header, counts, current } = preview;
  const shown = previewRows(counts);
  const replacing = current.records > 0;
  return (
    <div className="restore-preview">
      <dl className="prop-grid">
        <dt className="prop-label">Made</dt>
        <dd>{formatWhen(header.created_at)}</dd>
        <dt className="prop-label">By</dt>
        <dd>
          {header.app} {header.app_version} (database version {header.schema_version})
        </dd>
        <dt className="prop-label">Size</dt>
        <dd>{formatBytes(preview.fileSize)}</dd>
      </dl>
      <table className="restore-counts" aria-label="What the backup holds">
        <tbody>
          {shown.map(({ table, label, value }) => (
            <tr key={table}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.unreadable.length > 0 && (
        <p className="notice notice-warning" role="status">
          This backup was made while the database was failing: it is missing{' '}
          {preview.unreadable.join(', ')}.
        </p>
      )}
      {current.syncEnabled && current.unpushed > 0 && (
        <p className="notice notice-warning" role="status">
          {current.unpushed.toLocaleString()} changes made on this computer have not reached your
          team yet; restoring replaces them with the backup’s. Sync first to keep them.
        </p>
      )}
      {current.syncEnabled && (
        <p className="field-hint" role="note">
          {restoreSyncNote(current.syncEnabled)}
        </p>
      )}
      {replacing ? (
        <>
          <p className="field-hint">
            This computer holds {current.customers.toLocaleString()} customers now. Restoring
            replaces everything here with the backup, then restarts Encore.
            {getPlatform().backups
              ? ' What is here now is backed up first, into the backups folder.'
              : ' Back up what is here now first if you may want it back.'}
          </p>
          <div className="restore-backup-now">
            <button
              type="button"
              className="btn"
              disabled={backup.kind === 'running'}
              onClick={onBackUpNow}
            >
              {backup.kind === 'running' ? 'Backing up…' : 'Back up now'}
            </button>
            <span className="field-hint" role="status">
              {backup.kind === 'done' ? backup.said : ''}
            </span>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={understood}
              onChange={(event) => onUnderstood(event.target.checked)}
            />
            <span>Replace the data on this computer with this backup</span>
          </label>
        </>
      ) : (
        <p className="field-hint">
          This computer holds no data yet: the backup becomes its data, then Encore restarts.
        </p>
      )}
    </div>
  );
}
