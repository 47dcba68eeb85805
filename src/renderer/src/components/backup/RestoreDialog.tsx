import { DialogShell } from '../ui/DialogShell';
import type { ByteSource } from '@shared/csv';
import { useEffect, useRef, useState } from 'react';
import { previewRestore, restoreAndRestart, type RestorePhase } from '../../app/backup-restore';
import type { RestorePreview } from '../../services/crm/backup/restore-preview';
import { runInPlace } from '../../app/actions/runner';
import { errorText } from '../../domain/result';
import { backUpNow } from './backup-actions';
import { RestorePreviewDetails, type SafetyBackup } from './RestorePreviewDetails';
import { restoreSubtitle } from './table-labels';

type Step =
  | { kind: 'checking'; read: number; size: number }
  | { kind: 'preview'; preview: RestorePreview }
  | { kind: 'restoring'; phase: RestorePhase; read: number; size: number }
  | { kind: 'failed'; message: string };

const PHASE_WORDS: Record<RestorePhase, string> = {
  'safety-backup': 'Backing up the data here first…',
  staging: 'Checking and writing every record…',
  restarting: 'Restarting into the restored data…',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Restore from a backup file: the whole file is checked first and previewed (nothing changes
 * until the person confirms); then it is staged and the app restarts into it.
 */
export function RestoreDialog({ source, onClose }: { source: ByteSource; onClose: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'checking', read: 0, size: source.size });
  const [understood, setUnderstood] = useState(false);
  const [backup, setBackup] = useState<SafetyBackup>({ kind: 'idle' });
  // When the backup was made, from its header: the subtitle keeps it while restoring.
  const [madeAt, setMadeAt] = useState<string | undefined>(undefined);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    previewRestore(source, {
      signal: controller.signal,
      onProgress: (read, size) => setStep({ kind: 'checking', read, size }),
    })
      .then((preview) => {
        setMadeAt(preview.header.created_at);
        setStep({ kind: 'preview', preview });
      })
      .catch(
        (error: unknown) =>
          !controller.signal.aborted && setStep({ kind: 'failed', message: messageOf(error) }),
      );
    return () => controller.abort();
  }, [source]);

  async function handleConfirm(preview: RestorePreview) {
    const controller = new AbortController();
    abortRef.current = controller;
    let phase: RestorePhase = 'staging';
    setStep({ kind: 'restoring', phase, read: 0, size: source.size });
    try {
      await restoreAndRestart(source, preview, {
        signal: controller.signal,
        onPhase: (next) => {
          phase = next;
          setStep({ kind: 'restoring', phase, read: 0, size: source.size });
        },
        onProgress: (read, size) => setStep({ kind: 'restoring', phase, read, size }),
      });
    } catch (error) {
      if (!controller.signal.aborted) setStep({ kind: 'failed', message: messageOf(error) });
    }
  }

  /** A backup of what is here now, by the same service as Settings' "Back up now". */
  async function handleBackUpNow() {
    setBackup({ kind: 'running' });
    // Said here, beside the button: the app's toast would sit behind this dialog.
    const outcome = await runInPlace(backUpNow);
    if (outcome?.ok && outcome.message) setBackup({ kind: 'done', said: `${outcome.message}.` });
    else if (outcome?.ok) setBackup({ kind: 'done', said: 'No backup was made (cancelled).' });
    else
      setBackup({
        kind: 'done',
        said: outcome
          ? `${errorText(outcome.error)}. Nothing was saved.`
          : 'The backup could not be written: nothing was saved.',
      });
  }

  function handleOpenChange(open: boolean) {
    if (open) return;
    // Cancelling mid-restore stops the staging; the data here was never touched.
    abortRef.current?.abort();
    onClose();
  }

  const replacing = step.kind === 'preview' && step.preview.current.records > 0;
  return (
    <DialogShell
      open
      onOpenChange={handleOpenChange}
      title="Restore from backup"
      description={restoreSubtitle(source.name, madeAt)}
      className="restore-dialog"
    >
      {(step.kind === 'checking' || step.kind === 'restoring') && (
        <div className="export-progress">
          <progress
            aria-label={step.kind === 'checking' ? 'Checking the backup' : 'Restoring'}
            max={Math.max(1, step.size)}
            value={step.read}
          />
          <span aria-live="polite">
            {step.kind === 'checking'
              ? 'Checking the whole file before anything changes…'
              : PHASE_WORDS[step.phase]}
          </span>
        </div>
      )}
      {step.kind === 'failed' && (
        <p className="notice notice-danger" role="alert">
          {step.message}
        </p>
      )}
      {step.kind === 'preview' && (
        <RestorePreviewDetails
          preview={step.preview}
          understood={understood}
          onUnderstood={setUnderstood}
          backup={backup}
          onBackUpNow={() => void handleBackUpNow()}
        />
      )}
      <div className="dialog-actions">
        <button className="btn" onClick={() => handleOpenChange(false)}>
          {step.kind === 'restoring' ? 'Stop' : 'Cancel'}
        </button>
        {step.kind === 'preview' && (
          <button
            className={replacing ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={(replacing && !understood) || backup.kind === 'running'}
            onClick={() => void handleConfirm(step.preview)}
          >
            {replacing ? 'Replace my data and restart' : 'Restore and restart'}
          </button>
        )}
      </div>
    </DialogShell>
  );
}
