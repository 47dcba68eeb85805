import type { BeginSaveRequest, CrmBridge, SaveTextFileResult } from '@shared/ipc';

/**
 * A file being written in chunks (CSV export). Electron: main's save dialog, then chunks
 * appended to a file on disk. Browser: parts collected in a Blob, downloaded on finish.
 */
export type SaveSink = {
  /** Where it goes, as the user would describe it: a path, or "Downloads/<name>". */
  location: string;
  append(chunk: string): Promise<void>;
  finish(): Promise<SaveTextFileResult>;
  /** Stops and leaves nothing behind; safe to call after a failure. */
  abort(): Promise<void>;
};

/** Over the desktop bridge; `call` maps bridge errors to IpcError. */
export async function beginElectronSave(
  bridge: CrmBridge,
  request: BeginSaveRequest,
  call: <T>(run: () => Promise<T>) => Promise<T>,
): Promise<SaveSink | null> {
  const started = await call(() => bridge.beginSave(request));
  if (started.status === 'cancelled') return null;
  return electronSink(bridge, started, call);
}

/** A save main has opened (a chosen path, or a file in the backups folder), by its handle. */
export function electronSink(
  bridge: CrmBridge,
  { handle, location }: { handle: string; location: string },
  call: <T>(run: () => Promise<T>) => Promise<T>,
): SaveSink {
  return {
    location,
    append: (chunk) => call(() => bridge.appendSave({ handle, chunk })),
    finish: () => call(() => bridge.finishSave(handle)),
    abort: () => call(() => bridge.abortSave(handle)),
  };
}

// Revoking at once can cancel a download that has not started yet.
const revokeAfterMs = 60_000;

/**
 * In the browser: each chunk becomes a Blob as it arrives, so its text leaves the page's heap
 * (Chromium keeps blob data in the browser process and spills large ones to disk), and one
 * download of the Blob of Blobs starts at the end. Keeping the strings until the end held a
 * 900 MB backup as 6 GB of renderer memory and froze the page for 20 s while one Blob was
 * built from them (bench/backup-bench.mjs). No save picker: it is missing from Firefox and
 * Safari, and automation (the end-to-end tests) cannot answer it.
 */
export function beginBrowserSave(request: BeginSaveRequest): SaveSink {
  let parts: BlobPart[] = [];
  let done = false;
  return {
    location: `Downloads/${request.suggestedName}`,
    append: async (chunk) => {
      if (done) throw new Error('this save is no longer open');
      parts.push(new Blob([chunk]));
    },
    finish: async () => {
      if (done) throw new Error('this save is no longer open');
      done = true;
      const url = URL.createObjectURL(new Blob(parts, { type: request.mimeType }));
      parts = [];
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
      return { status: 'saved', location: `Downloads/${request.suggestedName}` };
    },
    abort: async () => {
      done = true;
      parts = [];
    },
  };
}
