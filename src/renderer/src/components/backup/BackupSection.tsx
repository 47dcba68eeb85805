import { run } from '../../app/actions/runner';
import { backUpNow, pickBackupFile, setBackupsKept, showBackupFolder } from './backup-actions';
import type { ByteSource } from '@shared/csv';
import { useState } from 'react';
import { useBackupsKept, useLastBackup } from '../../hooks/backup/use-backups';
import { getPlatform } from '../../platform';
import type { BackupProgress } from '../../services/crm/backup/backup-writer';
import { RestoreDialog } from './RestoreDialog';
import { formatWhen } from './table-labels';

const REASON_WORDS: Record<string, string> = {
  manual: 'backed up by hand',
  daily: 'daily backup',
  'before-upgrade': 'before an update',
  'before-restore': 'before a restore',
};

/** Settings > Your data: back up now, the automatic backups (desktop), restore from a file. */
export function BackupSection() {
  const platform = getPlatform();
  const folder = platform.backups;
  const last = useLastBackup();
  const kept = useBackupsKept();
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [source, setSource] = useState<ByteSource | null>(null);

  async function handleBackUpNow() {
    setBusy(true);
    setProgress(null);
    await run(backUpNow, { onProgress: setProgress });
    setBusy(false);
    setProgress(null);
  }

  async function handleRestore() {
    const picked = await run(pickBackupFile);
    if (picked?.ok && picked.value) setSource(picked.value);
  }

  function handleRestoreClosed() {
    void source?.close?.();
    setSource(null);
  }

  const percent =
    progress && progress.totalRows > 0
      ? Math.round((progress.rowsWritten / progress.totalRows) * 100)
      : undefined;

  return (
    <section className="section" aria-labelledby="data-heading">
      <h2 id="data-heading" className="section-title">
        Your data
      </h2>
      <p className="field-hint">
        Everything is stored on this computer. A backup is one file holding every customer, deal,
        task, import (with its undo), saved mapping and setting; restoring it puts them all back.
      </p>
      {folder ? (
        <p className="field-hint">
          Encore backs up by itself once a day, and before it updates its database, into its data
          folder, keeping the newest {kept}.
        </p>
      ) : (
        <p className="field-hint backup-browser-note">
          The web preview has no data folder of its own, so it makes no automatic backups: “Back up
          now” downloads the file. The desktop app backs up by itself every day.
        </p>
      )}
      <p className="backup-last" data-testid="last-backup">
        Last backup:{' '}
        {last
          ? `${formatWhen(last.at)} (${REASON_WORDS[last.reason] ?? last.reason}), ${last.location}`
          : 'none yet'}
      </p>
      <div className="backup-actions">
        <button className="btn btn-primary" onClick={() => void handleBackUpNow()} disabled={busy}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
        {folder && (
          <button className="btn" onClick={() => void run(showBackupFolder)}>
            Show backups
          </button>
        )}
        <button className="btn" onClick={() => void handleRestore()} disabled={busy}>
          Restore from file…
        </button>
      </div>
      {busy && (
        <div className="export-progress">
          <progress aria-label="Backup progress" max={100} value={percent} />
          <span aria-live="polite">
            {progress
              ? `${progress.rowsWritten.toLocaleString()} of ${progress.totalRows.toLocaleString()} records`
              : 'Starting…'}
          </span>
        </div>
      )}
      {folder && <KeepField kept={kept} />}
      {source && <RestoreDialog source={source} onClose={handleRestoreClosed} />}
    </section>
  );
}

function KeepField({ kept }: { kept: number }) {
  return (
    <div className="field backup-keep">
      <label className="field-label" htmlFor="backups-kept">
        Automatic backups to keep
      </label>
      <input
        id="backups-kept"
        className="input"
        type="number"
        min={1}
        max={365}
        defaultValue={kept}
        key={kept}
        onBlur={(event) => {
          const input = event.target;
          const value = Number(input.value);
          if (value === kept) return;
          void run(setBackupsKept, value).then((saved) => {
            // Refused (not 1 to 365): show the number still in force.
            if (!saved?.ok) input.value = String(kept);
          });
        }}
      />
      <span className="field-hint">The oldest go once there are more.</span>
    </div>
  );
}
